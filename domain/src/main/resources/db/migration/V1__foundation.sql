-- Foundation schema: one schema per layer. Runs as the owner role; the runtime role gets DML only.
CREATE SCHEMA IF NOT EXISTS runtime;
CREATE SCHEMA IF NOT EXISTS identity;

CREATE TABLE runtime.agents (
    id          uuid PRIMARY KEY,
    name        varchar(100) NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9_.-]{1,100}$'),
    did         varchar(140) NOT NULL UNIQUE CHECK (did ~ '^did:agent:[A-Za-z0-9_.-]+:[0-9a-f]{8}$'),
    agent_type  varchar(20)  NOT NULL,
    status      varchar(20)  NOT NULL CHECK (status IN ('CREATED','ACTIVE','IDLE','BUSY','SUSPENDED','TERMINATED','ERROR')),
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL,
    version     bigint       NOT NULL DEFAULT 0
);
CREATE INDEX agents_page_idx ON runtime.agents (created_at, id);

CREATE TABLE identity.users (
    id             uuid PRIMARY KEY,
    username       varchar(100) NOT NULL UNIQUE,
    password_hash  varchar(512) NOT NULL,
    roles          varchar(500) NOT NULL,
    enabled        boolean      NOT NULL DEFAULT true,
    created_at     timestamptz  NOT NULL
);

GRANT USAGE ON SCHEMA runtime, identity TO ${runtimeRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA runtime, identity TO ${runtimeRole};
ALTER DEFAULT PRIVILEGES IN SCHEMA runtime, identity GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${runtimeRole};
ALTER DEFAULT PRIVILEGES IN SCHEMA runtime, identity GRANT USAGE, SELECT ON SEQUENCES TO ${runtimeRole};
