-- API keys for programs and agents: "ap_<prefix>.<secret>"; only the secret's SHA-256 is stored.
CREATE TABLE identity.api_keys (
    id                   uuid         PRIMARY KEY,
    prefix               varchar(16)  NOT NULL UNIQUE,
    secret_hash          bytea        NOT NULL,
    name                 varchar(100) NOT NULL,
    owner                varchar(150) NOT NULL,
    scopes               varchar(100) NOT NULL,
    allowed_addresses    varchar(1000),
    rate_limit_requests  integer,
    rate_limit_window    integer,
    created_at           timestamptz  NOT NULL,
    expires_at           timestamptz  NOT NULL,
    revoked_at           timestamptz,
    last_used_at         timestamptz,
    request_count        bigint       NOT NULL DEFAULT 0
);
CREATE INDEX api_keys_owner_idx ON identity.api_keys (owner);
