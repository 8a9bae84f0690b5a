-- One round trip per append. The global position row is locked last and only for the inserts, so
-- appends to different streams wait on each other for as short as possible (the lock lasts until
-- commit: that is what keeps positions gap-free and in commit order).
-- Returns outcome: 'appended', 'idempotent' (every event id known: nothing written), 'conflict'
-- (stream version differs: nothing written), 'partial' (some ids known, some not: nothing written).
CREATE FUNCTION eventstore.append(
    p_stream_type varchar, p_stream_id varchar, p_expected_kind text, p_expected_version bigint,
    p_event_ids uuid[], p_types varchar[], p_schema_versions integer[], p_payloads jsonb[], p_metadata jsonb,
    p_recorded_at timestamptz,
    OUT outcome text, OUT stream_version bigint, OUT first_position bigint, OUT last_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
    n integer := cardinality(p_event_ids);
    known integer;
    v_current bigint;
BEGIN
    SELECT s.version INTO v_current FROM eventstore.streams s
    WHERE s.stream_type = p_stream_type AND s.stream_id = p_stream_id FOR UPDATE;
    v_current := coalesce(v_current, 0);

    SELECT count(*), min(i.position), max(i.position) INTO known, first_position, last_position
    FROM eventstore.event_ids i WHERE i.event_id = ANY (p_event_ids);
    IF known = n THEN
        outcome := 'idempotent'; stream_version := v_current; RETURN;
    ELSIF known > 0 THEN
        outcome := 'partial'; stream_version := v_current; RETURN;
    END IF;

    IF (p_expected_kind = 'no_stream' AND v_current <> 0) OR (p_expected_kind = 'exact' AND v_current <> p_expected_version) THEN
        outcome := 'conflict'; stream_version := v_current; first_position := NULL; last_position := NULL; RETURN;
    END IF;

    UPDATE eventstore.positions SET last_position = positions.last_position + n
    RETURNING positions.last_position INTO last_position;
    first_position := last_position - n + 1;

    INSERT INTO eventstore.events (position, stream_type, stream_id, version, event_id, event_type, schema_version,
                                   payload, metadata, recorded_at)
    SELECT first_position + o - 1, p_stream_type, p_stream_id, v_current + o, e.id, e.type, e.schema_version, e.payload,
           p_metadata, p_recorded_at
    FROM unnest(p_event_ids, p_types, p_schema_versions, p_payloads) WITH ORDINALITY AS e(id, type, schema_version, payload, o);

    INSERT INTO eventstore.event_ids (event_id, position)
    SELECT e.id, first_position + e.o - 1 FROM unnest(p_event_ids) WITH ORDINALITY AS e(id, o);

    INSERT INTO eventstore.streams (stream_type, stream_id, version, created_at, updated_at)
    VALUES (p_stream_type, p_stream_id, v_current + n, p_recorded_at, p_recorded_at)
    ON CONFLICT (stream_type, stream_id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at;

    outcome := 'appended'; stream_version := v_current + n;
END $$;

GRANT EXECUTE ON FUNCTION eventstore.append TO ${runtimeRole};
