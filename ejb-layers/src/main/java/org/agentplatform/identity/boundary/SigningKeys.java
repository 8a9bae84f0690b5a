package org.agentplatform.identity.boundary;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.agentplatform.identity.control.AccessTokenVerifier;
import org.agentplatform.identity.control.KeyVault;
import org.agentplatform.identity.control.SecretFiles;
import org.agentplatform.identity.control.TokenSigner;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The JWT signing keys of the realm, with rotation that costs no request:
 * <ul>
 *   <li>a new key is published in the JWKS at once and signs only after {@code identity.key-publish-seconds}
 *       (longer than the JWKS max-age, {@code identity.jwks-max-age-seconds}, that verifiers cache it
 *       for), so no instance meets an unknown kid;</li>
 *   <li>the key it replaces stays in the JWKS (passive) until the tokens it signed have expired, then
 *       it is retired;</li>
 *   <li>the active key is replaced on demand and after {@code identity.key-rotation-days} (90);</li>
 *   <li>private keys are stored encrypted with {@code var/secrets/jwt-kek}; they never leave this class.</li>
 * </ul>
 * State lives in PostgreSQL; each instance re-reads it every few seconds, so a rotation made on one
 * instance reaches the other without messages.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class SigningKeys {
    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    private static final long REFRESH_NANOS = Duration.ofSeconds(5).toNanos();

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "platform.secrets-dir")
    String secretsDir;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "agent-platform")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "agent-platform-api")
    String audience;

    @Inject
    @ConfigProperty(name = "identity.key-publish-seconds", defaultValue = "120")
    long publishSeconds;

    @Inject
    @ConfigProperty(name = "identity.key-rotation-days", defaultValue = "90")
    long rotationDays;

    @Inject
    @ConfigProperty(name = "identity.access-token-seconds", defaultValue = "3600")
    long accessTokenSeconds;

    private KeyVault vault;
    private volatile State state;

    /** A key as operators see it: active (signs), passive (verifies only), pending (published, not yet signing), retired. */
    public record KeyView(String kid, String status, String createdAt, String publishedAt, String retiredAt) {}

    private record StoredKey(String kid, RSAKey publicKey, byte[] sealed, Instant createdAt, Instant publishedAt, Instant retiredAt) {}

    private record State(long loadedAt, List<StoredKey> keys, StoredKey active, TokenSigner signer) {}

    @PostConstruct
    void init() {
        SecretFiles secrets = new SecretFiles(Path.of(secretsDir));
        vault = new KeyVault(secrets.read("jwt-kek"));
        try (Connection c = dataSource.getConnection()) {
            if (load(c).isEmpty()) {
                // The key generated at install becomes the first one, usable at once.
                store(c, TokenSigner.fromPem(secrets.read("jwt-private.pem")), Instant.EPOCH);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        state = read();
        LOG.info(() -> "Signing with key " + state.active().kid());
    }

    /** The signer of the active key. */
    public TokenSigner signer() {
        State current = fresh();
        if (current.active().createdAt().isBefore(Instant.now().minus(Duration.ofDays(rotationDays)))
                && current.keys().stream().noneMatch(k -> k.createdAt().isAfter(current.active().createdAt()))) {
            rotate(); // due on schedule: the new key signs once it is published long enough
        }
        return current.signer();
    }

    /**
     * A verifier of this realm's access tokens (its issuer and audience), reading this key set when its
     * cached copy is older than {@code maxAge} or lacks a token's kid.
     */
    public AccessTokenVerifier verifier(Duration maxAge, Duration clockSkew) {
        return new AccessTokenVerifier(this::jwksJson, issuer, audience, maxAge, clockSkew, Clock.systemUTC());
    }

    /**
     * The public keys that verify (active, passive and pending ones) as a JWK Set document, read from
     * the database on every call: a key published on one instance is in every instance's JWKS at once
     * (verifiers cache the document for its max-age, which the publication delay exceeds).
     */
    public String jwksJson() {
        List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
        List<StoredKey> stored;
        try (Connection c = dataSource.getConnection()) {
            stored = load(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        for (StoredKey k : stored) {
            if (k.retiredAt() == null) {
                keys.add(new RSAKey.Builder(k.publicKey()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build());
            }
        }
        return new JWKSet(keys).toString();
    }

    @RolesAllowed("admin")
    public List<KeyView> list() {
        State current = state = read(); // an operator's view is never stale
        Instant signingFrom = Instant.now().minusSeconds(publishSeconds);
        return current.keys().stream().map(k -> new KeyView(k.kid(),
                k.retiredAt() != null ? "retired"
                        : k.kid().equals(current.active().kid()) ? "active"
                        : k.publishedAt().isAfter(signingFrom) ? "pending" : "passive",
                k.createdAt().toString(), k.publishedAt().toString(), k.retiredAt() == null ? null : k.retiredAt().toString()))
                .toList();
    }

    /** Creates a new key; it is published now and signs after the publication delay. */
    @RolesAllowed("admin")
    public KeyView rotate() {
        RSAKey key = TokenSigner.generate();
        try (Connection c = dataSource.getConnection()) {
            store(c, key, Instant.now());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        state = read();
        LOG.info(() -> "New signing key " + key.getKeyID() + " published; it signs in " + publishSeconds + " s");
        return list().stream().filter(k -> k.kid().equals(key.getKeyID())).findFirst().orElseThrow();
    }

    private State fresh() {
        State current = state;
        return System.nanoTime() - current.loadedAt() < REFRESH_NANOS ? current : (state = read());
    }

    private State read() {
        try (Connection c = dataSource.getConnection()) {
            List<StoredKey> keys = load(c);
            Instant now = Instant.now();
            StoredKey active = keys.stream()
                    .filter(k -> k.retiredAt() == null && !k.publishedAt().isAfter(now.minusSeconds(publishSeconds)))
                    .reduce((older, newer) -> newer)
                    .orElseThrow(() -> new IllegalStateException("No signing key is usable"));
            // A key replaced longer ago than a token lives (plus the publication delay) verifies nothing any more.
            Instant replacedBefore = now.minusSeconds(accessTokenSeconds + publishSeconds);
            for (StoredKey k : keys) {
                if (k.retiredAt() == null && k.createdAt().isBefore(active.createdAt())
                        && active.publishedAt().plusSeconds(publishSeconds).isBefore(replacedBefore)) {
                    retire(c, k.kid());
                }
            }
            RSAKey pair = new RSAKey.Builder(active.publicKey())
                    .privateKey(privateKey(active)).keyID(active.kid()).build();
            return new State(System.nanoTime(), load(c), active, new TokenSigner(pair, issuer, audience));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private java.security.PrivateKey privateKey(StoredKey k) {
        try {
            RSAKey full = RSAKey.parse(new String(vault.decrypt(k.sealed()), StandardCharsets.UTF_8));
            return full.toPrivateKey();
        } catch (ParseException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("Signing key " + k.kid() + " cannot be read", e);
        }
    }

    private void store(Connection c, RSAKey key, Instant publishedAt) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("insert into identity.signing_keys (kid, public_jwk, private_key_enc,"
                + " created_at, published_at) values (?, ?, ?, now(), ?) on conflict do nothing")) {
            q.setString(1, key.getKeyID());
            q.setString(2, key.toPublicJWK().toJSONString());
            q.setBytes(3, vault.encrypt(key.toJSONString().getBytes(StandardCharsets.UTF_8)));
            q.setTimestamp(4, Timestamp.from(publishedAt));
            q.executeUpdate();
        }
    }

    private static void retire(Connection c, String kid) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("update identity.signing_keys set retired_at = now() where kid = ? and retired_at is null")) {
            q.setString(1, kid);
            q.executeUpdate();
        }
    }

    private static List<StoredKey> load(Connection c) throws SQLException {
        List<StoredKey> keys = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("select kid, public_jwk, private_key_enc, created_at, published_at, retired_at"
                + " from identity.signing_keys order by created_at, kid"); ResultSet r = q.executeQuery()) {
            while (r.next()) {
                try {
                    keys.add(new StoredKey(r.getString(1), RSAKey.parse(r.getString(2)), r.getBytes(3), r.getTimestamp(4).toInstant(),
                            r.getTimestamp(5).toInstant(), r.getTimestamp(6) == null ? null : r.getTimestamp(6).toInstant()));
                } catch (ParseException e) {
                    throw new IllegalStateException("Stored public key " + r.getString(1) + " is not a JWK", e);
                }
            }
        }
        return keys;
    }
}
