package org.agentplatform.identity.boundary;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.agentplatform.identity.control.GridMaps;

/**
 * Access tokens refused before they expire: single tokens by {@code jti} (sign-out) and everything
 * a user was issued up to a second ("sign out everywhere"). Checked on every API request from the
 * data grid, so a revocation holds on every instance at once; written to PostgreSQL too and loaded
 * back at start-up, so a restart of the whole cluster keeps it.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class Revocations {
    private static final Logger LOG = Logger.getLogger(Revocations.class.getName());
    private static final String REVOKED = "identity-revoked-jti";
    private static final String VALID_AFTER = "identity-tokens-valid-after-ms";

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    private IMap<String, Boolean> revoked;
    private IMap<String, Long> validAfter;

    @PostConstruct
    void load() {
        revoked = GridMaps.withoutTenant(grid, REVOKED);
        validAfter = GridMaps.withoutTenant(grid, VALID_AFTER);
        int loaded = 0;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement q = c.prepareStatement("select jti, expires_at from identity.revoked_tokens where expires_at > now()");
                    ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    remember(r.getString(1), r.getTimestamp(2).toInstant());
                    loaded++;
                }
            }
            try (PreparedStatement q = c.prepareStatement("select username, tokens_valid_after from identity.users where tokens_valid_after is not null");
                    ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    validAfter.set(r.getString(1), r.getTimestamp(2).toInstant().toEpochMilli());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Loading the token denylist failed", e);
        }
        int count = loaded;
        LOG.info(() -> "Token denylist loaded: " + count + " revoked access tokens");
    }

    /** @param issuedAtMillis when the token was issued, in epoch milliseconds ({@link #issuedAtMillis}) */
    public boolean isRevoked(String jti, String username, long issuedAtMillis) {
        return isRevokedAsync(jti, username, issuedAtMillis).toCompletableFuture().join();
    }

    /**
     * A token's issue time in milliseconds: its {@code iat_ms} claim, or for tokens without one the
     * end of its {@code iat} second (so a sign-out in that second still refuses it).
     */
    public static long issuedAtMillis(Object iatMillisClaim, long iatSeconds) {
        if (iatMillisClaim instanceof Number n) {
            return n.longValue();
        }
        return iatSeconds * 1000 + 999;
    }

    /**
     * The same check with both data-grid lookups in flight at once (they live in different
     * partitions, often on different members): one round trip instead of two.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS) // grid reads only: no transaction per request
    public CompletionStage<Boolean> isRevokedAsync(String jti, String username, long issuedAtMillis) {
        CompletionStage<Boolean> byJti = jti == null ? CompletableFuture.completedFuture(null) : revoked.getAsync(jti);
        CompletionStage<Long> after = username == null ? CompletableFuture.completedFuture(null) : validAfter.getAsync(username);
        return byJti.thenCombine(after, (denied, cutoff) -> denied != null || cutoff != null && issuedAtMillis <= cutoff);
    }

    public void revoke(String jti, Instant expiresAt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "insert into identity.revoked_tokens (jti, expires_at) values (?, ?) on conflict do nothing")) {
            q.setString(1, jti);
            q.setTimestamp(2, Timestamp.from(expiresAt));
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        remember(jti, expiresAt);
    }

    /** Refuses every access token the user was issued until now (to the millisecond: a sign-in right after works). */
    public void revokeAllOf(String username) {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "update identity.users set tokens_valid_after = ? where username = ?")) {
            q.setTimestamp(1, Timestamp.from(now));
            q.setString(2, username);
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        validAfter.set(username, now.toEpochMilli());
    }

    private void remember(String jti, Instant expiresAt) {
        long ttl = Math.max(1, expiresAt.getEpochSecond() - Instant.now().getEpochSecond());
        revoked.set(jti, Boolean.TRUE, ttl, TimeUnit.SECONDS);
    }
}
