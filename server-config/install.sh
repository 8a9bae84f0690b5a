# Installs what the platform needs from Debian's packages, only what is missing. Idempotent.
# shellcheck shell=bash

install_packages() {
    local missing=()
    [ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
    command -v haproxy >/dev/null || missing+=(haproxy)
    command -v openssl >/dev/null || missing+=(openssl)
    command -v curl >/dev/null || missing+=(curl)
    command -v unzip >/dev/null || missing+=(unzip)
    command -v ss >/dev/null || missing+=(iproute2)
    if [ ${#missing[@]} -gt 0 ]; then
        log "Installing ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
            || die "apt-get install ${missing[*]} failed"
    fi
    install_pgvector
    install_argon2
}

# Debian's libargon2 is the portable reference build (no vector instructions). The same source built
# for AVX2 (x86-64-v3) verifies a password in about half the time (13 against 23-26 ms for m=7 MiB,
# t=5), which is most of a sign-in's cost. JNA finds it through -Djna.library.path (domain-commands.txt);
# without AVX2, or when the source cannot be fetched, Debian's library is used (same hashes, slower).
install_argon2() {
    local dir="$PLATFORM_VAR/native"
    if ! grep -qw avx2 /proc/cpuinfo; then rm -f "$dir/libargon2.so"; return 0; fi
    [ -f "$dir/libargon2.so" ] && return 0
    log "Building libargon2 for AVX2 from Debian's source package"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq make gcc >/dev/null || { log "no compiler: using Debian's libargon2"; return 0; }
    local build tarball; build=$(mktemp -d)
    # The mirror may lack the .dsc of the newest source package while serving its upstream tarball: that is enough.
    (cd "$build" && apt-get source --download-only -qq argon2) >/dev/null 2>&1 || true
    tarball=$(ls "$build"/argon2_*.orig.tar.* 2>/dev/null | head -1)
    if [ -n "$tarball" ] && tar -xf "$tarball" -C "$build" \
        && make -s -C "$build"/phc-winner-argon2-*/ libargon2.so.1 OPTTARGET=x86-64-v3 >/dev/null 2>&1; then
        mkdir -p "$dir" && install -m 755 "$build"/phc-winner-argon2-*/libargon2.so.1 "$dir/libargon2.so"
    else
        log "building libargon2 failed: using Debian's libargon2"
    fi
    rm -rf "$build"
}

# pgvector is not in Debian 12's binary packages: build it from Debian 13's source package.
install_pgvector() {
    [ -f "/usr/share/postgresql/15/extension/vector.control" ] && return 0
    log "Building pgvector from Debian's source package"
    if ! grep -rqs "trixie main" /etc/apt/sources.list /etc/apt/sources.list.d/; then
        echo "deb-src http://deb.debian.org/debian trixie main" > /etc/apt/sources.list.d/platform-trixie-src.list
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-server-dev-15 make gcc dpkg-dev >/dev/null \
        || die "cannot install the build tools for pgvector"
    local build; build=$(mktemp -d)
    (cd "$build" && apt-get source -qq pgvector >/dev/null 2>&1 && cd pgvector-*/ \
        && make -s PG_CONFIG="$PG_BIN/pg_config" >/dev/null 2>&1 && make -s PG_CONFIG="$PG_BIN/pg_config" install >/dev/null) \
        || die "building pgvector failed (see $build)"
    rm -rf "$build"
}

install_payara() {
    [ -x "$ASADMIN_BIN" ] && return 0
    local zip="$HOME/.m2/repository/fish/payara/distributions/payara/$PAYARA_VERSION/payara-$PAYARA_VERSION.zip"
    if [ ! -f "$zip" ]; then
        log "Fetching Payara Server $PAYARA_VERSION from Maven Central"
        mvn -B -q dependency:get -Dartifact="fish.payara.distributions:payara:$PAYARA_VERSION:zip" >/dev/null \
            || die "cannot fetch Payara $PAYARA_VERSION"
    fi
    log "Unpacking Payara Server"
    mkdir -p "$PLATFORM_VAR"
    unzip -q -o "$zip" -d "$PLATFORM_VAR"
    rm -rf "$PAYARA_HOME/glassfish/domains/domain1"   # unused default domain with default credentials
}
