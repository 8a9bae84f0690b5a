# Generates every secret at install time into $SECRETS (mode 0600, directory 0700). Idempotent: an
# existing secret is never replaced. Nothing here is in git; nothing is a default.
# shellcheck shell=bash

new_password() { openssl rand -base64 30 | tr -d '/+=\n' | cut -c1-32; }

write_secret() { # name value
    [ -s "$SECRETS/$1" ] && return 0
    (umask 077 && printf '%s\n' "$2" > "$SECRETS/$1")
}

generate_secrets() {
    mkdir -p "$SECRETS" && chmod 700 "$SECRETS"
    write_secret admin-password "$(new_password)"
    write_secret master-password "$(new_password)"
    write_secret db-owner-password "$(new_password)"
    write_secret db-app-password "$(new_password)"
    write_secret jwt-kek "$(openssl rand -base64 32)"   # encrypts the signing keys stored in PostgreSQL
    (umask 077
     printf 'AS_ADMIN_PASSWORD=%s\nAS_ADMIN_MASTERPASSWORD=%s\n' \
         "$(cat "$SECRETS/admin-password")" "$(cat "$SECRETS/master-password")" > "$SECRETS/asadmin-passwordfile")

    if [ ! -s "$SECRETS/jwt-private.pem" ]; then
        (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$SECRETS/jwt-private.pem" 2>/dev/null)
        openssl pkey -in "$SECRETS/jwt-private.pem" -pubout -out "$SECRETS/jwt-public.pem"
    fi

    if [ ! -s "$SECRETS/ca.crt" ]; then
        log "Creating a local certificate authority"
        (umask 077 && openssl req -x509 -newkey rsa:3072 -nodes -sha256 -days 3650 \
            -keyout "$SECRETS/ca.key" -out "$SECRETS/ca.crt" -subj "/CN=Agent Platform local CA/O=Agent Platform" \
            -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null)
    fi
    if [ ! -s "$SECRETS/server.crt" ]; then
        local san="DNS:localhost,IP:127.0.0.1"
        [ "$PLATFORM_HOSTNAME" != localhost ] && san="DNS:$PLATFORM_HOSTNAME,$san"
        (umask 077 && openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$SECRETS/server.key" \
            -out "$SECRETS/server.csr" -subj "/CN=localhost/O=Agent Platform" 2>/dev/null)
        openssl x509 -req -sha256 -days 825 -in "$SECRETS/server.csr" -CA "$SECRETS/ca.crt" -CAkey "$SECRETS/ca.key" \
            -CAcreateserial -out "$SECRETS/server.crt" -extfile <(printf '%s\n' \
                "subjectAltName=$san" "basicConstraints=CA:FALSE" \
                "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth,clientAuth") 2>/dev/null
        rm -f "$SECRETS/server.csr"
        (umask 077 && cat "$SECRETS/server.crt" "$SECRETS/server.key" > "$SECRETS/haproxy.pem")
        (umask 077 && openssl pkcs12 -export -name platform -in "$SECRETS/server.crt" -inkey "$SECRETS/server.key" \
            -certfile "$SECRETS/ca.crt" -out "$SECRETS/server.p12" -passout "file:$SECRETS/master-password")
    fi
    chmod 600 "$SECRETS"/*
    chmod 644 "$SECRETS/ca.crt" "$SECRETS/jwt-public.pem" "$SECRETS/server.crt"
}
