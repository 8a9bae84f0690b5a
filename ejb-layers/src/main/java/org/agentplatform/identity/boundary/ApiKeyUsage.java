package org.agentplatform.identity.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Request counts and last-used times of API keys, counted in memory and added to
 * {@code identity.api_keys} once a second: a key used by 50 concurrent callers costs no row lock
 * and no commit per request. The listed figures lag by at most a second (and a crash loses that
 * second's counts, never a key's validity).
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class ApiKeyUsage {
    private static final Logger LOG = Logger.getLogger(ApiKeyUsage.class.getName());

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Per key: {count, last used in epoch ms}. */
    private final Map<UUID, long[]> pending = new ConcurrentHashMap<>();
    private ScheduledFuture<?> flusher;

    @PostConstruct
    void start() {
        flusher = scheduler.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        flusher.cancel(false);
        flush();
    }

    public void used(UUID key) {
        long now = System.currentTimeMillis();
        pending.compute(key, (k, v) -> v == null ? new long[] {1, now} : new long[] {v[0] + 1, Math.max(v[1], now)});
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("update identity.api_keys"
                + " set request_count = request_count + ?, last_used_at = greatest(last_used_at, ?) where id = ?")) {
            for (UUID key : pending.keySet()) {
                long[] counted = pending.remove(key);
                if (counted != null) {
                    q.setLong(1, counted[0]);
                    q.setTimestamp(2, Timestamp.from(Instant.ofEpochMilli(counted[1])));
                    q.setObject(3, key);
                    q.addBatch();
                }
            }
            q.executeBatch();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Writing API key usage failed; these counts are lost", e);
        }
    }
}
