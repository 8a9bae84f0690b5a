package org.agentplatform.identity.boundary;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;

/**
 * API keys for programs and agents. A key is {@code ap_<prefix>.<secret>}: the prefix finds it, the
 * 256-bit secret is shown once and stored only as its SHA-256 (compared in constant time). Keys
 * expire (at most one year), can be revoked, may be bound to client addresses, and count their use.
 * Scopes map to roles: read → viewer, write → developer, admin → admin.
 */
@Stateless
@RolesAllowed({"admin", "operator", "developer"})
public class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);
    private static final Duration MAX_LIFETIME = Duration.ofDays(366);
    private static final String SELECT = "select id, prefix, name, owner, scopes, created_at, expires_at, revoked_at,"
            + " last_used_at, request_count, rate_limit_requests, rate_limit_window, allowed_addresses, rotated_to from identity.api_keys";
    static final int DEFAULT_OVERLAP_SECONDS = 86_400;
    static final int CACHE_SECONDS = 60;
    private static final String CACHE = "identity-api-keys";

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    @Resource
    SessionContext caller;

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @jakarta.inject.Inject
    ApiKeyUsage usage;

    @jakarta.inject.Inject
    org.agentplatform.runtime.boundary.Agents agents;

    /** A key that authenticated: its name as a caller, its owner ({@code user:<name>} or {@code agent:<id>}), roles and own limit. */
    public record Caller(String id, String name, String owner, Set<String> roles, ApiKeyRequest.RateLimit rateLimit) {}

    public ApiKeyView create(@NotNull(message = "A JSON body is required.") @Valid ApiKeyRequest request) {
        Instant now = Instant.now();
        Instant expires = expiry(request.expiresAt(), now);
        if (request.scopes().contains("admin") && !caller.isCallerInRole("admin")) {
            throw new PlatformException(ErrorCode.FORBIDDEN, "Only admins can create keys with the admin scope.");
        }
        String owner = request.agentId() == null ? "user:" + caller.getCallerPrincipal().getName()
                : "agent:" + agents.find(request.agentId()).id(); // an unknown agent is refused (E2004)
        return insert(request, owner, now, expires);
    }

    /**
     * Replaces a key by a new one with the same name, owner, scopes, limits and lifetime; the old key
     * keeps working for {@code overlapSeconds} (default a day) so programs can switch without a gap.
     * A key rotates once: a second rotation (also a concurrent one on the other instance) is refused.
     */
    public ApiKeyView rotate(String id, Integer overlapSeconds) {
        ApiKeyView old = owned(id);
        int overlap = overlapSeconds == null ? DEFAULT_OVERLAP_SECONDS : overlapSeconds;
        if (overlap < 0 || overlap > 30 * 86_400) {
            throw new PlatformException(ErrorCode.API_KEY_INVALID_REQUEST, "overlapSeconds is 0 to 2592000 (30 days).");
        }
        Instant now = Instant.now();
        Duration lifetime = Duration.between(Instant.parse(old.createdAt()), Instant.parse(old.expiresAt()));
        Instant expires = now.plus(lifetime.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : lifetime);
        ApiKeyRequest same = new ApiKeyRequest(old.name(), old.scopes(), null, old.rateLimit(), old.allowedAddresses(), null);
        ApiKeyView created = insert(same, old.owner(), now, expires);
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("update identity.api_keys"
                + " set rotated_to = ?, expires_at = least(expires_at, now() + make_interval(secs => ?))"
                + " where id = ? and rotated_to is null and revoked_at is null and expires_at > now()")) {
            q.setObject(1, UUID.fromString(created.id()));
            q.setInt(2, overlap);
            q.setObject(3, UUID.fromString(id));
            forget(old.prefix());
            if (q.executeUpdate() == 0) {
                caller.setRollbackOnly(); // the new key must not survive
                throw new PlatformException(ErrorCode.API_KEY_NOT_ROTATABLE, "The key '" + id + "' was revoked, has expired"
                        + " or was rotated already: create a new key instead.");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return created;
    }

    private ApiKeyView insert(ApiKeyRequest request, String owner, Instant now, Instant expires) {
        UUID id = UUID.randomUUID();
        byte[] prefixBytes = new byte[4];
        RANDOM.nextBytes(prefixBytes);
        String prefix = HexFormat.of().formatHex(prefixBytes);
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        List<String> scopes = List.copyOf(new LinkedHashSet<>(request.scopes()));
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("insert into identity.api_keys"
                + " (id, prefix, secret_hash, name, owner, scopes, allowed_addresses, rate_limit_requests, rate_limit_window,"
                + " created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            q.setObject(1, id);
            q.setString(2, prefix);
            q.setBytes(3, RefreshTokens.hash(secret));
            q.setString(4, request.name());
            q.setString(5, owner);
            q.setString(6, String.join(",", scopes));
            q.setString(7, request.allowedAddresses() == null || request.allowedAddresses().isEmpty() ? null
                    : String.join(",", request.allowedAddresses()));
            q.setObject(8, request.rateLimit() == null ? null : request.rateLimit().requests());
            q.setObject(9, request.rateLimit() == null ? null : request.rateLimit().windowSeconds());
            q.setTimestamp(10, Timestamp.from(now));
            q.setTimestamp(11, Timestamp.from(expires));
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        ApiKeyView stored = find(id.toString());
        return new ApiKeyView(stored.id(), "ap_" + prefix + "." + secret, stored.prefix(), stored.name(), stored.owner(), stored.scopes(),
                stored.createdAt(), stored.expiresAt(), null, null, 0, stored.rateLimit(), stored.allowedAddresses(), null);
    }

    /** Admins see every key; others their own. */
    public List<ApiKeyView> list() {
        boolean admin = caller.isCallerInRole("admin");
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(SELECT
                + (admin ? "" : " where owner = ?") + " order by created_at desc limit 1000")) {
            if (!admin) {
                q.setString(1, "user:" + caller.getCallerPrincipal().getName());
            }
            return read(q);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void revoke(String id) {
        forget(owned(id).prefix());
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "update identity.api_keys set revoked_at = now() where id = ? and revoked_at is null")) {
            q.setObject(1, UUID.fromString(id));
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks a presented key; counts its use. Empty when it is unknown, wrong, expired, revoked or used
     * from elsewhere. The key's record is read from the data grid (loaded from PostgreSQL on a miss,
     * kept {@value #CACHE_SECONDS} s); revoking or rotating removes it from the grid after the commit,
     * so every instance refuses a revoked key at once.
     */
    @PermitAll
    public Optional<Caller> authenticate(String presented, String clientAddress) {
        if (presented == null || !presented.startsWith("ap_") || presented.indexOf('.') != 11) {
            return Optional.empty();
        }
        String prefix = presented.substring(3, 11);
        String[] key = cache().get(prefix);
        if (key == null) {
            key = load(prefix);
            if (key == null) {
                return Optional.empty();
            }
            cache().set(prefix, key, CACHE_SECONDS, TimeUnit.SECONDS);
        }
        if (!MessageDigest.isEqual(RefreshTokens.hash(presented.substring(12)), Base64.getDecoder().decode(key[1]))
                || Long.parseLong(key[7]) <= System.currentTimeMillis()
                || !key[4].isEmpty() && !Arrays.asList(key[4].split(",")).contains(clientAddress)) {
            return Optional.empty();
        }
        ApiKeyRequest.RateLimit limit = key[5].isEmpty() ? null
                : new ApiKeyRequest.RateLimit(Integer.parseInt(key[5]), Integer.parseInt(key[6]));
        usage.used(UUID.fromString(key[0]));
        return Optional.of(new Caller(key[0], "apikey:" + key[0], key[2], roles(key[3]), limit));
    }

    /**
     * A usable key's record as plain strings (every grid member, the DAS included, can read them):
     * id, secret hash (Base64), owner, scopes, allowed addresses, limit requests, limit window, expiry (epoch ms).
     */
    private String[] load(String prefix) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("select id, secret_hash, owner, scopes,"
                + " allowed_addresses, rate_limit_requests, rate_limit_window, expires_at from identity.api_keys"
                + " where prefix = ? and revoked_at is null and expires_at > now()")) {
            q.setString(1, prefix);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                return new String[] {r.getString(1), Base64.getEncoder().encodeToString(r.getBytes(2)), r.getString(3), r.getString(4),
                        r.getString(5) == null ? "" : r.getString(5), r.getObject(6) == null ? "" : r.getString(6),
                        r.getObject(7) == null ? "" : r.getString(7), Long.toString(r.getTimestamp(8).getTime())};
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops a key's cached record now and again after the commit (a reader may have cached the old row in between). */
    private void forget(String prefix) {
        cache().delete(prefix);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                cache().delete(prefix);
            }
        });
    }

    private IMap<String, String[]> cache() {
        return grid.getMap(CACHE);
    }

    /** A key the caller may manage: any for admins, else their own (others' keys are "not found"). */
    private ApiKeyView owned(String id) {
        ApiKeyView key = find(id);
        if (!caller.isCallerInRole("admin") && !key.owner().equals("user:" + caller.getCallerPrincipal().getName())) {
            throw new PlatformException(ErrorCode.API_KEY_NOT_FOUND, "No API key has the id '" + id + "'.");
        }
        return key;
    }

    ApiKeyView find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new PlatformException(ErrorCode.API_KEY_NOT_FOUND, "No API key has the id '" + id + "'.");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(SELECT + " where id = ?")) {
            q.setObject(1, uuid);
            return read(q).stream().findFirst()
                    .orElseThrow(() -> new PlatformException(ErrorCode.API_KEY_NOT_FOUND, "No API key has the id '" + id + "'."));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> roles(String scopes) {
        Set<String> roles = new LinkedHashSet<>();
        for (String scope : scopes.split(",")) {
            switch (scope) {
                case "read" -> roles.add("viewer");
                case "write" -> roles.addAll(List.of("viewer", "developer"));
                case "admin" -> roles.add("admin");
                default -> { }
            }
        }
        return roles;
    }

    private static Instant expiry(String text, Instant now) {
        if (text == null || text.isBlank()) {
            return now.plus(DEFAULT_LIFETIME);
        }
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new PlatformException(ErrorCode.API_KEY_INVALID_REQUEST, "expiresAt is an ISO-8601 time such as 2027-01-31T00:00:00Z.");
        }
        if (!at.isAfter(now) || at.isAfter(now.plus(MAX_LIFETIME))) {
            throw new PlatformException(ErrorCode.API_KEY_INVALID_REQUEST, "expiresAt must be in the future and at most one year ahead.");
        }
        return at;
    }

    private static List<ApiKeyView> read(PreparedStatement q) throws SQLException {
        List<ApiKeyView> keys = new ArrayList<>();
        try (ResultSet r = q.executeQuery()) {
            while (r.next()) {
                Integer requests = (Integer) r.getObject(11);
                String addresses = r.getString(13);
                keys.add(new ApiKeyView(r.getString(1), null, r.getString(2), r.getString(3), r.getString(4),
                        List.of(r.getString(5).split(",")), r.getTimestamp(6).toInstant().toString(), r.getTimestamp(7).toInstant().toString(),
                        time(r.getTimestamp(8)), time(r.getTimestamp(9)), r.getLong(10),
                        requests == null ? null : new ApiKeyRequest.RateLimit(requests, r.getInt(12)),
                        addresses == null ? null : List.of(addresses.split(",")), r.getString(14)));
            }
        }
        return keys;
    }

    private static String time(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
