-- Retention of the usage records: whole daily partitions older than a day are dropped (never row deletes).
CREATE FUNCTION modelgateway.drop_usage_partitions_before(day date) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = modelgateway, pg_temp AS $$
DECLARE
    part record;
    dropped integer := 0;
BEGIN
    FOR part IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'modelgateway.usage'::regclass AND c.relname ~ '^usage_[0-9]{4}_[0-9]{2}_[0-9]{2}$'
          AND to_date(substring(c.relname from 7), 'YYYY_MM_DD') < day
    LOOP
        EXECUTE format('DROP TABLE modelgateway.%I', part.relname);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END $$;
GRANT EXECUTE ON FUNCTION modelgateway.drop_usage_partitions_before(date) TO ${runtimeRole};
