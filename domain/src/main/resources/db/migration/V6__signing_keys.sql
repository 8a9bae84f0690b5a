-- JWT signing keys. The private key is stored encrypted (AES-GCM, key in var/secrets/jwt-kek).
-- A key is published (in the JWKS) from published_at on and signs from published_at + the
-- publication delay on, so every verifier's JWKS cache knows it first; the key it replaces keeps
-- verifying until the tokens it signed have expired, then it is retired.
CREATE TABLE identity.signing_keys (
    kid               varchar(64)  PRIMARY KEY,
    public_jwk        text         NOT NULL,
    private_key_enc   bytea        NOT NULL,
    created_at        timestamptz  NOT NULL,
    published_at      timestamptz  NOT NULL,
    retired_at        timestamptz
);
