-- L01 event store: the system of record. Runs as the owner role.
CREATE SCHEMA IF NOT EXISTS eventstore;

-- One row: the last global position handed out. Appends lock it, so positions are assigned in
-- commit order and readers never see a gap that a later commit fills.
CREATE TABLE eventstore.positions (
    id             boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_position  bigint  NOT NULL
);
INSERT INTO eventstore.positions VALUES (true, 0);

-- The current version of each stream: the point where optimistic concurrency is decided.
CREATE TABLE eventstore.streams (
    stream_type  varchar(50)  NOT NULL,
    stream_id    varchar(200) NOT NULL,
    version      integer      NOT NULL CHECK (version > 0),
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    PRIMARY KEY (stream_type, stream_id)
);

-- The events, partitioned by month. Unique keys of a partitioned table must contain the partition
-- key, so stream versions are unique through eventstore.streams and event ids through event_ids.
CREATE TABLE eventstore.events (
    position        bigint       NOT NULL,
    stream_type     varchar(50)  NOT NULL,
    stream_id       varchar(200) NOT NULL,
    version         integer      NOT NULL,
    event_id        uuid         NOT NULL,
    event_type      varchar(100) NOT NULL,
    schema_version  integer      NOT NULL,
    payload         jsonb        NOT NULL,
    metadata        jsonb        NOT NULL,
    recorded_at     timestamptz  NOT NULL,
    PRIMARY KEY (position, recorded_at)
) PARTITION BY RANGE (recorded_at);
CREATE INDEX events_stream_idx ON eventstore.events (stream_type, stream_id, version);
CREATE INDEX events_type_idx ON eventstore.events (event_type, position);
CREATE INDEX events_time_idx ON eventstore.events (recorded_at);

CREATE TABLE eventstore.event_ids (
    event_id  uuid   PRIMARY KEY,
    position  bigint NOT NULL
);

-- Creates the month partition holding `month` unless it exists. The batch issue calls it ahead of
-- time; it only creates new, empty partitions, so it never blocks appends.
CREATE FUNCTION eventstore.ensure_month_partition(month date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    first_day date := date_trunc('month', month)::date;
    name text := format('events_%s', to_char(first_day, 'YYYY_MM'));
BEGIN
    IF to_regclass('eventstore.' || name) IS NULL THEN
        EXECUTE format('CREATE TABLE eventstore.%I PARTITION OF eventstore.events FOR VALUES FROM (%L) TO (%L)',
                       name, first_day, (first_day + interval '1 month')::date);
    END IF;
    RETURN name;
END $$;

SELECT eventstore.ensure_month_partition((date_trunc('month', now()) + make_interval(months => m))::date)
FROM generate_series(-1, 12) AS m;

GRANT USAGE ON SCHEMA eventstore TO ${runtimeRole};
GRANT SELECT, INSERT ON eventstore.events, eventstore.event_ids TO ${runtimeRole};
GRANT SELECT, INSERT, UPDATE ON eventstore.streams, eventstore.positions TO ${runtimeRole};
ALTER DEFAULT PRIVILEGES IN SCHEMA eventstore GRANT SELECT, INSERT ON TABLES TO ${runtimeRole};

-- The agents table becomes the projection of the agent streams: its version is the stream version.
ALTER TABLE runtime.agents ALTER COLUMN version DROP DEFAULT;

-- Agents created before the event store get their creation event, so every agent has a stream.
WITH existing AS (
    SELECT a.*, row_number() OVER (ORDER BY a.created_at, a.id) AS n FROM runtime.agents a
), recorded AS (
    INSERT INTO eventstore.events (position, stream_type, stream_id, version, event_id, event_type, schema_version,
                                   payload, metadata, recorded_at)
    SELECT n, 'agent', id::text, 1, gen_random_uuid(), 'AgentCreated', 1,
           jsonb_build_object('name', name, 'did', did, 'agentType', lower(agent_type)),
           jsonb_build_object('actor', 'migration:V2', 'createdAt', created_at), now()
    FROM existing
    RETURNING event_id, position, stream_id
), ids AS (
    INSERT INTO eventstore.event_ids (event_id, position) SELECT event_id, position FROM recorded
)
INSERT INTO eventstore.streams (stream_type, stream_id, version, created_at, updated_at)
SELECT 'agent', stream_id, 1, now(), now() FROM recorded;
UPDATE runtime.agents SET version = 1;
UPDATE eventstore.positions SET last_position = (SELECT count(*) FROM runtime.agents);
