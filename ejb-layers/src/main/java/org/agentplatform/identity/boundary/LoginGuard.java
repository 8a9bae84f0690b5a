package org.agentplatform.identity.boundary;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Brute-force protection for password sign-ins (API and console), cluster-wide in the data grid:
 * after {@code identity.lockout-threshold} (5) failures an account is locked for 30 s, doubling with
 * each further failure up to 15 min; a client address is locked after 50 failures within 10 min. A
 * success clears the account's count. Admins list and unlock. Failures are counted in the metric
 * {@code identity_failed_logins_total}.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class LoginGuard {
    private static final Logger LOG = Logger.getLogger(LoginGuard.class.getName());
    private static final String MAP = "identity-login-failures";
    private static final int ADDRESS_THRESHOLD = 50;
    private static final long ADDRESS_WINDOW_SECONDS = 600;
    private static final long MAX_LOCK_SECONDS = 900;

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "identity.lockout-threshold", defaultValue = "5")
    int threshold;

    @Inject
    @ConfigProperty(name = "identity.lockout-base-seconds", defaultValue = "30")
    long baseSeconds;

    /** Failures of one account or address, and until when it is locked (epoch ms, 0 when not). */
    public record Failures(int count, long lockedUntil, long lastFailure) implements Serializable {}

    /** A lock as admins see it. */
    public record Lockout(String subject, int failures, String lockedUntil) {}

    /** @throws PlatformException E9108 (429) while the account or the address is locked */
    public void check(String username, String address) {
        long now = System.currentTimeMillis();
        for (String subject : List.of("user:" + username, "address:" + address)) {
            Failures f = failures().get(subject);
            if (f != null && f.lockedUntil() > now) {
                long retry = Math.max(1, (f.lockedUntil() - now + 999) / 1000);
                throw new PlatformException(ErrorCode.LOCKED_OUT, "Too many failed sign-ins for " + subject
                        + ": try again in " + retry + " s, or ask an admin to unlock.", Map.of("retryAfterSeconds", retry));
            }
        }
    }

    public void failed(String username, String address, String via) {
        metrics.counter("identity_failed_logins_total", new Tag("via", via)).inc();
        record("user:" + username, threshold, true);
        record("address:" + address, ADDRESS_THRESHOLD, false);
    }

    public void succeeded(String username) {
        failures().delete("user:" + username);
    }

    @RolesAllowed("admin")
    public List<Lockout> list() {
        List<Lockout> result = new ArrayList<>();
        failures().forEach((subject, f) -> result.add(new Lockout(subject, f.count(),
                f.lockedUntil() > System.currentTimeMillis() ? Instant.ofEpochMilli(f.lockedUntil()).toString() : null)));
        result.sort(java.util.Comparator.comparing(Lockout::subject));
        return result;
    }

    @RolesAllowed("admin")
    public void unlock(String subject) {
        if (failures().remove(subject) == null) {
            throw new PlatformException(ErrorCode.LOCKOUT_NOT_FOUND, "Nothing is recorded for '" + subject + "'.");
        }
        LOG.info(() -> "Unlocked " + subject);
    }

    private void record(String subject, int limit, boolean increasing) {
        IMap<String, Failures> map = failures();
        map.lock(subject);
        try {
            long now = System.currentTimeMillis();
            Failures f = map.get(subject);
            int count = f == null ? 1 : f.count() + 1;
            long lockedUntil = 0;
            if (count >= limit) {
                long seconds = increasing ? Math.min(MAX_LOCK_SECONDS, baseSeconds << Math.min(20, count - limit)) : ADDRESS_WINDOW_SECONDS;
                lockedUntil = now + seconds * 1000;
                LOG.warning(() -> subject + " locked after " + count + " failed sign-ins");
            }
            map.set(subject, new Failures(count, lockedUntil, now), ADDRESS_WINDOW_SECONDS + MAX_LOCK_SECONDS, TimeUnit.SECONDS);
        } finally {
            map.unlock(subject);
        }
    }

    private IMap<String, Failures> failures() {
        return grid.getMap(MAP);
    }
}
