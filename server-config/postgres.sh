# A private PostgreSQL 15 cluster under $PLATFORM_VAR/pg: 127.0.0.1 only, TLS required, scram-sha-256,
# an owner role for migrations and a runtime role with DML only. Idempotent.
# shellcheck shell=bash

pg_as() { su postgres -s /bin/bash -c "$*"; }
pg_running() { [ -f "$PGDATA/postmaster.pid" ] && pg_as "$PG_BIN/pg_ctl -D '$PGDATA' status" >/dev/null 2>&1; }
pg_query() { su postgres -s /bin/bash -c "$PG_BIN/psql -X -tA -v ON_ERROR_STOP=1 -h '$RUN' -p $PG_PORT -d ${2:-postgres}" <<<"$1"; }

# PostgreSQL runs as the postgres user, which must be able to traverse to $PLATFORM_VAR.
grant_postgres_traversal() {
    local dir=$PLATFORM_VAR
    while [ "$dir" != / ]; do
        if ! su postgres -s /bin/bash -c "test -x '$dir'"; then
            log "Letting the postgres user traverse $dir (o+x, no listing)"
            chmod o+x "$dir"
        fi
        dir=$(dirname "$dir")
    done
}

postgres_init() {
    [ -f "$PGDATA/PG_VERSION" ] && return 0
    log "Creating the PostgreSQL cluster in $PGDATA"
    mkdir -p "$PGDATA" "$RUN"
    grant_postgres_traversal
    chown postgres:postgres "$PLATFORM_VAR/pg" "$PGDATA"
    chmod 700 "$PGDATA"
    pg_as "$PG_BIN/initdb -D '$PGDATA' --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 -U postgres" >/dev/null
    install -o postgres -g postgres -m 600 "$SECRETS/server.key" "$PGDATA/server.key"
    install -o postgres -g postgres -m 644 "$SECRETS/server.crt" "$PGDATA/server.crt"
    install -o postgres -g postgres -m 644 "$SECRETS/ca.crt" "$PGDATA/root.crt"
    cat >> "$PGDATA/postgresql.conf" <<CONF
# --- Agent Platform ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$RUN'
unix_socket_permissions = 0700
password_encryption = 'scram-sha-256'
ssl = on
ssl_min_protocol_version = 'TLSv1.2'
max_connections = 120
shared_buffers = 512MB
effective_cache_size = 4GB
work_mem = 16MB
maintenance_work_mem = 256MB
wal_compression = on
log_min_duration_statement = 500
log_line_prefix = '%m [%p] %u@%d '
CONF
    cat > "$PGDATA/pg_hba.conf" <<HBA
# TYPE     DATABASE  USER       ADDRESS        METHOD
local      all       postgres                  peer
hostssl    $PG_DB    $PG_OWNER  127.0.0.1/32   scram-sha-256
hostssl    $PG_DB    $PG_APP    127.0.0.1/32   scram-sha-256
hostnossl  all       all        0.0.0.0/0      reject
HBA
    chown postgres:postgres "$PGDATA/postgresql.conf" "$PGDATA/pg_hba.conf"
}

postgres_start() {
    pg_running && return 0
    mkdir -p "$RUN" "$LOGS" && chmod 755 "$RUN"
    chown postgres:postgres "$RUN"
    touch "$LOGS/postgres.log" && chown postgres:postgres "$LOGS/postgres.log"
    pg_as "$PG_BIN/pg_ctl -D '$PGDATA' -l '$LOGS/postgres.log' -w -t 60 start" >/dev/null || die "PostgreSQL did not start: see $LOGS/postgres.log"
    head -1 "$PGDATA/postmaster.pid" > "$RUN/postgres.pid"
}

postgres_stop() {
    pg_running || return 0
    pg_as "$PG_BIN/pg_ctl -D '$PGDATA' -m fast -w stop" >/dev/null
    rm -f "$RUN/postgres.pid"
}

# Roles, database, extensions and the batch job repository. Safe to run on every `up`.
postgres_provision() {
    local owner_pw app_pw
    owner_pw=$(cat "$SECRETS/db-owner-password"); app_pw=$(cat "$SECRETS/db-app-password")
    su postgres -s /bin/bash -c "$PG_BIN/psql -X -q -v ON_ERROR_STOP=1 -h '$RUN' -p $PG_PORT -d postgres" >/dev/null <<SQL
SELECT 'CREATE ROLE $PG_OWNER LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_OWNER') \gexec
SELECT 'CREATE ROLE $PG_APP LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_APP') \gexec
ALTER ROLE $PG_OWNER NOSUPERUSER NOCREATEDB NOCREATEROLE CONNECTION LIMIT 10 PASSWORD '$owner_pw';
ALTER ROLE $PG_APP NOSUPERUSER NOCREATEDB NOCREATEROLE CONNECTION LIMIT 80 PASSWORD '$app_pw';
ALTER ROLE $PG_APP SET statement_timeout = '30s';
ALTER ROLE $PG_APP SET idle_in_transaction_session_timeout = '60s';
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_OWNER ENCODING ''UTF8''' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB') \gexec
SQL
    su postgres -s /bin/bash -c "$PG_BIN/psql -X -q -v ON_ERROR_STOP=1 -h '$RUN' -p $PG_PORT -d $PG_DB" >/dev/null <<SQL
SET client_min_messages = warning;
REVOKE ALL ON DATABASE $PG_DB FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $PG_DB TO $PG_APP;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
CREATE EXTENSION IF NOT EXISTS vector;
CREATE SCHEMA IF NOT EXISTS batch AUTHORIZATION $PG_OWNER;
ALTER ROLE $PG_APP IN DATABASE $PG_DB SET search_path = batch, public;
SQL
    # The batch runtime cannot create its tables (the runtime role has no DDL): create them as the owner.
    if [ -z "$(pg_query "SELECT 1 FROM pg_tables WHERE schemaname='batch' AND tablename='jobinstancedata'" "$PG_DB")" ]; then
        unzip -p "$PAYARA_HOME/glassfish/modules/payara-jbatch.jar" ddls/jsr352-postgresql.ddl | grep -v '^DROP' \
            | { echo "SET ROLE $PG_OWNER; SET search_path = batch;"; cat; echo "GRANT USAGE ON SCHEMA batch TO $PG_APP;
              GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA batch TO $PG_APP;
              GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA batch TO $PG_APP;"; } \
            | su postgres -s /bin/bash -c "$PG_BIN/psql -X -q -v ON_ERROR_STOP=1 -h '$RUN' -p $PG_PORT -d $PG_DB" >/dev/null \
            || die "creating the batch job repository failed"
    fi
}
