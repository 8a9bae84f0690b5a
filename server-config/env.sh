# Sourced by ./platform and the scripts beside this file: every path, port and name in one place.
# Override with environment variables or a git-ignored platform.local.conf at the top of the repo.
# shellcheck shell=bash

PLATFORM_ROOT=${PLATFORM_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
# Not for `./platform test`: its throwaway platform must keep its own ports and state dir.
[ -z "${PLATFORM_TEST_RUN:-}" ] && [ -f "$PLATFORM_ROOT/platform.local.conf" ] && . "$PLATFORM_ROOT/platform.local.conf"

PLATFORM_VAR=${PLATFORM_VAR:-$PLATFORM_ROOT/var}
# The ports a state dir was brought up with, so later commands on it (status, down) find its processes.
[ -f "$PLATFORM_VAR/platform.env" ] && . "$PLATFORM_VAR/platform.env"
PLATFORM_PORT=${PLATFORM_PORT:-8443}               # the one public port (HAProxy, HTTPS)
PLATFORM_BIND=${PLATFORM_BIND:-0.0.0.0}            # where HAProxy listens; everything else is loopback
PLATFORM_HOSTNAME=${PLATFORM_HOSTNAME:-localhost}  # extra DNS name in the generated public certificate
# Shifts every private port, so a test platform runs beside a platform started by `up`.
PLATFORM_PORT_OFFSET=${PLATFORM_PORT_OFFSET:-0}

PAYARA_VERSION=6.2025.9
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

SECRETS=$PLATFORM_VAR/secrets
RUN=$PLATFORM_VAR/run
LOGS=$PLATFORM_VAR/logs
PGDATA=$PLATFORM_VAR/pg/data
PAYARA_HOME=$PLATFORM_VAR/payara6
ASADMIN_BIN=$PAYARA_HOME/bin/asadmin
DOMAIN=platform
DOMAIN_DIR=$PLATFORM_VAR/domains/$DOMAIN
GROUP=platform
GROUP_CONFIG=platform-config
INSTANCES="i1 i2"

# External PostgreSQL: set PG_HOST (and the ports/passwords) and `up` will not start its own.
PG_HOST=${PG_HOST:-localhost}
PG_PORT=${PG_PORT:-$((15432 + PLATFORM_PORT_OFFSET))}
PG_DB=${PG_DB:-platform}
PG_OWNER=${PG_OWNER:-platform_owner}    # owns the schemas, runs migrations
PG_APP=${PG_APP:-platform_app}          # runtime role: DML only, no DDL, no superuser

DAS_PORTBASE=$((4800 + PLATFORM_PORT_OFFSET))
DAS_ADMIN_PORT=$((DAS_PORTBASE + 48))
I1_PORTBASE=$((28100 + PLATFORM_PORT_OFFSET))
I2_PORTBASE=$((28200 + PLATFORM_PORT_OFFSET))
HZ_DAS_PORT=$((4900 + PLATFORM_PORT_OFFSET))
HZ_START_PORT=$((5900 + PLATFORM_PORT_OFFSET))
HZ_CLUSTER=platform-$((PLATFORM_PORT_OFFSET))

instance_portbase() { case $1 in i1) echo "$I1_PORTBASE" ;; i2) echo "$I2_PORTBASE" ;; esac; }
instance_https_port() { echo $(( $(instance_portbase "$1") + 81 )); }
instance_url() { echo "https://127.0.0.1:$(instance_https_port "$1")"; }
public_url() { echo "https://127.0.0.1:$PLATFORM_PORT"; }

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'platform: %s\n' "$*" >&2; exit 1; }

asadmin() { asadmin_within 0 "$@"; }
# asadmin that gives up after $1 seconds (0: never).
asadmin_within() {
    local t=$1; shift
    timeout "$t" "$ASADMIN_BIN" --port "$DAS_ADMIN_PORT" --user admin --passwordfile "$SECRETS/asadmin-passwordfile" --interactive=false "$@"
}
