# HAProxy in master-worker mode, run by ./platform. Reload: SIGUSR2 to the master.
# shellcheck shell=bash

haproxy_pid() { [ -f "$RUN/haproxy.pid" ] && kill -0 "$(cat "$RUN/haproxy.pid")" 2>/dev/null && cat "$RUN/haproxy.pid"; }

haproxy_start() {
    I1_HTTPS=$(instance_https_port i1) I2_HTTPS=$(instance_https_port i2); export I1_HTTPS I2_HTTPS
    render_template "$PLATFORM_ROOT/cluster/haproxy.cfg.template" > "$RUN/haproxy.cfg"
    haproxy -c -q -f "$RUN/haproxy.cfg" || die "the HAProxy configuration is not valid: $RUN/haproxy.cfg"
    if [ -n "$(haproxy_pid)" ]; then
        kill -USR2 "$(haproxy_pid)"
        return 0
    fi
    log "Starting HAProxy on $PLATFORM_BIND:$PLATFORM_PORT"
    nohup haproxy -W -db -f "$RUN/haproxy.cfg" -p "$RUN/haproxy.pid" >> "$LOGS/haproxy.log" 2>&1 &
    local n
    for n in $(seq 50); do [ -n "$(haproxy_pid)" ] && return 0; sleep 0.1; done
    die "HAProxy did not start: see $LOGS/haproxy.log"
}

haproxy_stop() {
    local pid; pid=$(haproxy_pid) || return 0
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$RUN/haproxy.pid"
}
