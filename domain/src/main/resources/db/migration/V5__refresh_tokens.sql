-- Refresh tokens (only their SHA-256 is stored), grouped in families: a family starts at a password
-- sign-in and continues through every rotation. Presenting a used token revokes its whole family.
CREATE TABLE identity.refresh_tokens (
    token_hash  bytea        PRIMARY KEY,
    family_id   uuid         NOT NULL,
    username    varchar(100) NOT NULL,
    issued_at   timestamptz  NOT NULL,
    expires_at  timestamptz  NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON identity.refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON identity.refresh_tokens (username);

-- Access tokens revoked before they expire (by jti), kept so a restart keeps the denylist.
CREATE TABLE identity.revoked_tokens (
    jti         varchar(64) PRIMARY KEY,
    expires_at  timestamptz NOT NULL
);

-- "Sign out everywhere": access tokens issued at or before this second are refused.
ALTER TABLE identity.users ADD COLUMN tokens_valid_after timestamptz;
