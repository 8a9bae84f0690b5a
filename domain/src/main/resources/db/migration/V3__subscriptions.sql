-- Durable subscriptions: consumer groups, one checkpoint per partition (a partition is a hash range
-- of streams, so each stream's events are consumed in order by one instance at a time), leases that
-- say which instance holds a partition, and the events a group gave up on.
CREATE TABLE eventstore.subscriptions (
    group_name    varchar(100) PRIMARY KEY,
    partitions    integer      NOT NULL CHECK (partitions BETWEEN 1 AND 256),
    max_attempts  integer      NOT NULL CHECK (max_attempts >= 1),
    created_at    timestamptz  NOT NULL
);

CREATE TABLE eventstore.checkpoints (
    group_name   varchar(100) NOT NULL REFERENCES eventstore.subscriptions ON DELETE CASCADE,
    partition    integer      NOT NULL,
    position     bigint       NOT NULL DEFAULT 0,
    owner        varchar(100),
    lease_until  timestamptz,
    updated_at   timestamptz  NOT NULL,
    PRIMARY KEY (group_name, partition)
);

CREATE TABLE eventstore.parked_events (
    group_name  varchar(100) NOT NULL REFERENCES eventstore.subscriptions ON DELETE CASCADE,
    position    bigint       NOT NULL,
    partition   integer      NOT NULL,
    attempts    integer      NOT NULL,
    error       text         NOT NULL,
    parked_at   timestamptz  NOT NULL,
    PRIMARY KEY (group_name, position)
);

-- A rebuild in progress or done: the position it must reach.
CREATE TABLE eventstore.projection_rebuilds (
    name             varchar(100) PRIMARY KEY,
    target_position  bigint       NOT NULL,
    started_at       timestamptz  NOT NULL,
    finished_at      timestamptz
);

-- What the diagnostics consumer saw (enabled only with eventstore.diagnostics.enabled=true).
CREATE TABLE eventstore.diagnostic_deliveries (
    id            bigserial    PRIMARY KEY,
    group_name    varchar(100) NOT NULL,
    position      bigint       NOT NULL,
    stream_type   varchar(50)  NOT NULL,
    stream_id     varchar(200) NOT NULL,
    version       integer      NOT NULL,
    instance      varchar(100) NOT NULL,
    recorded_at   timestamptz  NOT NULL,
    delivered_at  timestamptz  NOT NULL
);
CREATE INDEX diagnostic_deliveries_position_idx ON eventstore.diagnostic_deliveries (position);

-- A projection that follows as a subscription: how many agents are in each status.
CREATE TABLE runtime.agent_status_counts (
    status  varchar(20) PRIMARY KEY,
    agents  bigint      NOT NULL
);

GRANT SELECT, INSERT, UPDATE, DELETE ON eventstore.subscriptions, eventstore.checkpoints, eventstore.parked_events,
    eventstore.projection_rebuilds, eventstore.diagnostic_deliveries TO ${runtimeRole};
GRANT USAGE, SELECT ON SEQUENCE eventstore.diagnostic_deliveries_id_seq TO ${runtimeRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON runtime.agent_status_counts TO ${runtimeRole};
