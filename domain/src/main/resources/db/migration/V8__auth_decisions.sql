-- Every authentication and authorization decision of the API: who, what, when, from where, outcome, why.
CREATE TABLE identity.auth_decisions (
    id          bigserial    PRIMARY KEY,
    at          timestamptz  NOT NULL,
    principal   varchar(150) NOT NULL,
    client      varchar(100) NOT NULL,
    method      varchar(10)  NOT NULL,
    path        varchar(500) NOT NULL,
    outcome     varchar(10)  NOT NULL CHECK (outcome IN ('allowed', 'denied')),
    status      integer      NOT NULL,
    reason      varchar(100) NOT NULL,
    request_id  varchar(128) NOT NULL,
    instance    varchar(50)  NOT NULL
);
CREATE INDEX auth_decisions_at_idx ON identity.auth_decisions (at);
CREATE INDEX auth_decisions_request_idx ON identity.auth_decisions (request_id);
GRANT USAGE, SELECT ON SEQUENCE identity.auth_decisions_id_seq TO ${runtimeRole};
