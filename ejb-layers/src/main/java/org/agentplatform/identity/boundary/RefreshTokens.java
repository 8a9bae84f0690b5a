package org.agentplatform.identity.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.agentplatform.kernel.CommittedRefusal;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refresh tokens with rotation and reuse detection. A token is 256 random bits, stored only as its
 * SHA-256. Using one marks it used and issues the next of its family in the same transaction; the
 * mark is a conditional UPDATE, so of two concurrent uses (on any instances) exactly one wins and the
 * other is seen as a reuse, which revokes the whole family (a {@link CommittedRefusal}: the
 * revocation commits, the request is refused).
 */
@Stateless
@PermitAll
public class RefreshTokens {
    private static final Logger LOG = Logger.getLogger(RefreshTokens.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "identity.refresh-token-seconds", defaultValue = "604800")
    long lifetimeSeconds;

    /** Starts a family (at a password sign-in) and answers its first token. */
    public String start(String username) {
        return issue(UUID.randomUUID(), username);
    }

    /**
     * Uses a token: answers the username and the next token of the family.
     *
     * @throws PlatformException E9104 unknown/expired/revoked, E9105 used before (family revoked)
     */
    public Rotation rotate(String token) {
        byte[] hash = hash(token);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement q = c.prepareStatement("update identity.refresh_tokens set used_at = clock_timestamp()"
                    + " where token_hash = ? and used_at is null and revoked_at is null and expires_at > now()"
                    + " returning family_id, username")) {
                q.setBytes(1, hash);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        UUID family = r.getObject(1, UUID.class);
                        String username = r.getString(2);
                        return new Rotation(username, issue(c, family, username));
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("select family_id, username, used_at from identity.refresh_tokens where token_hash = ?")) {
                q.setBytes(1, hash);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next() && r.getTimestamp(3) != null) {
                        UUID family = r.getObject(1, UUID.class);
                        String username = r.getString(2);
                        // Same transaction, committed despite the refusal: the UPDATE above may hold this row's lock
                        // (PostgreSQL locks a row it waited for even when it no longer matches).
                        revokeFamily(c, family);
                        LOG.warning(() -> "Refresh token reuse for '" + username + "': family " + family + " revoked");
                        throw new CommittedRefusal(ErrorCode.REFRESH_TOKEN_REUSED);
                    }
                }
            }
            throw new PlatformException(ErrorCode.INVALID_REFRESH_TOKEN);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Revokes the family of a token (sign-out); unknown tokens are ignored. */
    public void revokeFamilyOf(String token) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("update identity.refresh_tokens"
                + " set revoked_at = now() where revoked_at is null and family_id = (select family_id from identity.refresh_tokens where token_hash = ?)")) {
            q.setBytes(1, hash(token));
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void revokeFamily(Connection c, UUID family) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("update identity.refresh_tokens set revoked_at = now() where family_id = ? and revoked_at is null")) {
            q.setObject(1, family);
            q.executeUpdate();
        }
    }

    public void revokeAllOf(String username) {
        update("update identity.refresh_tokens set revoked_at = now() where username = ? and revoked_at is null", username);
    }

    private String issue(UUID family, String username) {
        try (Connection c = dataSource.getConnection()) {
            return issue(c, family, username);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String issue(Connection c, UUID family, String username) throws SQLException {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now();
        try (PreparedStatement q = c.prepareStatement("insert into identity.refresh_tokens (token_hash, family_id, username,"
                + " issued_at, expires_at) values (?, ?, ?, ?, ?)")) {
            q.setBytes(1, hash(token));
            q.setObject(2, family);
            q.setString(3, username);
            q.setTimestamp(4, Timestamp.from(now));
            q.setTimestamp(5, Timestamp.from(now.plus(Duration.ofSeconds(lifetimeSeconds))));
            q.executeUpdate();
        }
        return token;
    }

    private void update(String sql, Object arg) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, arg);
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user of a used refresh token and the family's next token. */
    public record Rotation(String username, String nextToken) {}
}
