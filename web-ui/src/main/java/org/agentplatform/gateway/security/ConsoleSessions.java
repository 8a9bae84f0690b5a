package org.agentplatform.gateway.security;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console sessions that are signed in, cluster-wide, in the data grid. A replicated HTTP session
 * can outlive its logout on an instance that cached it; checking this registry on every console
 * request makes a logout (or a revocation by an admin) take effect on all instances at once. Entries
 * expire after the absolute lifetime ({@code console.absolute-timeout-hours}, 8) even while the
 * session is in use; a user holds at most {@code console.max-sessions-per-user} (5) sessions, a new
 * sign-in ends the oldest. Sessions are named by a fingerprint (a hash of the id), never by the id,
 * which is the cookie's secret.
 */
@ApplicationScoped
public class ConsoleSessions {
    private static final String MAP = "console-sessions";
    private static final Logger LOG = Logger.getLogger(ConsoleSessions.class.getName());

    /** A signed-in session as admins see it. */
    public record Session(String fingerprint, String username, String signedInAt, String expiresAt, String address, String instance) {}

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    @Inject
    @ConfigProperty(name = "console.absolute-timeout-hours", defaultValue = "8")
    int absoluteHours;

    @Inject
    @ConfigProperty(name = "console.idle-timeout-minutes", defaultValue = "30")
    int idleMinutes;

    @Inject
    @ConfigProperty(name = "console.idle-warning-seconds", defaultValue = "120")
    int idleWarningSeconds;

    @Inject
    @ConfigProperty(name = "console.max-sessions-per-user", defaultValue = "5")
    int maxSessionsPerUser;

    /** Values are {@code username \t signedInMillis \t address \t instance}: plain strings, readable by every member. */
    private IMap<String, String> sessions() {
        return grid.getMap(MAP);
    }

    public int idleSeconds() {
        return idleMinutes * 60;
    }

    public int idleWarningSeconds() {
        return Math.min(idleWarningSeconds, idleSeconds() / 2);
    }

    void signedIn(String sessionId, String username, String address) {
        sessions().set(sessionId, username + "\t" + System.currentTimeMillis() + "\t" + address + "\t" + RequestIds.instance(),
                absoluteHours, TimeUnit.HOURS);
        List<Map.Entry<String, String>> own = sessions().entrySet().stream()
                .filter(e -> e.getValue().startsWith(username + "\t"))
                .sorted(Comparator.comparingLong(e -> Long.parseLong(e.getValue().split("\t")[1])))
                .toList();
        for (int i = 0; i < own.size() - maxSessionsPerUser; i++) {
            sessions().delete(own.get(i).getKey());
            LOG.info(() -> "Ended the oldest console session of '" + username + "': at most " + maxSessionsPerUser + " per user");
        }
    }

    boolean active(String sessionId) {
        return sessions().containsKey(sessionId);
    }

    void signedOut(String sessionId) {
        sessions().delete(sessionId);
    }

    /** Every signed-in session, newest first; {@code username} null for all users. */
    public List<Session> list(String username) {
        return sessions().entrySet().stream()
                .filter(e -> username == null || e.getValue().startsWith(username + "\t"))
                .map(e -> view(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Session::signedInAt).reversed())
                .toList();
    }

    /** Ends the session with this fingerprint (of {@code username} unless null); false when there is none. */
    public boolean revoke(String fingerprint, String username) {
        Optional<String> id = sessions().entrySet().stream()
                .filter(e -> fingerprint(e.getKey()).equals(fingerprint))
                .filter(e -> username == null || e.getValue().startsWith(username + "\t"))
                .map(Map.Entry::getKey).findFirst();
        id.ifPresent(sessions()::delete);
        return id.isPresent();
    }

    public static String fingerprint(String sessionId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Session view(String id, String value) {
        String[] f = value.split("\t", -1);
        Instant at = Instant.ofEpochMilli(Long.parseLong(f[1]));
        return new Session(fingerprint(id), f[0], at.toString(), at.plusSeconds(absoluteHours * 3600L).toString(), f[2], f[3]);
    }
}
