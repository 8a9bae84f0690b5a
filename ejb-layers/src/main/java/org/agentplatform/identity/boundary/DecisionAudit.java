package org.agentplatform.identity.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Records every authentication and authorization decision of the API in
 * {@code identity.auth_decisions}, off the request thread: decisions are queued in memory and written
 * in batches every second (a crash loses at most that second; a queue over 50,000 drops and counts).
 * Denials are counted in the metric {@code gateway_denied_requests_total}.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class DecisionAudit {
    private static final Logger LOG = Logger.getLogger(DecisionAudit.class.getName());
    private static final int MAX_QUEUED = 50_000;
    private static final String INSTANCE = System.getProperty("com.sun.aas.instanceName", "unknown");

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MetricRegistry metrics;

    private final ConcurrentLinkedQueue<Decision> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private ScheduledFuture<?> flusher;

    /** One decision. */
    public record Decision(String at, String principal, String client, String method, String path, boolean allowed, int status,
            String reason, String requestId, String instance) {}

    @PostConstruct
    void start() {
        flusher = scheduler.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        flusher.cancel(false);
        flush();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS) // a queue append on every request: no transaction
    public void record(String principal, String client, String method, String path, int status, String reason, String requestId) {
        boolean allowed = status != 401 && status != 403 && status != 429;
        if (!allowed) {
            metrics.counter("gateway_denied_requests_total", new Tag("status", Integer.toString(status))).inc();
        }
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            metrics.counter("gateway_audit_dropped_total").inc();
            return;
        }
        queue.add(new Decision(Instant.now().toString(), cut(principal, 150), cut(client, 100), method, cut(path, 500), allowed, status,
                cut(reason, 100), cut(requestId, 128), INSTANCE));
    }

    @RolesAllowed({"admin", "auditor"})
    public List<Decision> recent(String outcome, String requestId, int limit) {
        StringBuilder sql = new StringBuilder("select at, principal, client, method, path, outcome, status, reason, request_id, instance"
                + " from identity.auth_decisions where true");
        List<Object> args = new ArrayList<>();
        if (outcome != null) {
            sql.append(" and outcome = ?");
            args.add(outcome);
        }
        if (requestId != null) {
            sql.append(" and request_id = ?");
            args.add(requestId);
        }
        sql.append(" order by id desc limit ?");
        args.add(limit);
        List<Decision> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                q.setObject(i + 1, args.get(i));
            }
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    result.add(new Decision(r.getTimestamp(1).toInstant().toString(), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            "allowed".equals(r.getString(6)), r.getInt(7), r.getString(8), r.getString(9), r.getString(10)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    private void flush() {
        List<Decision> batch = new ArrayList<>();
        for (Decision d; batch.size() < 5000 && (d = queue.poll()) != null; ) {
            batch.add(d);
        }
        if (batch.isEmpty()) {
            return;
        }
        queued.addAndGet(-batch.size());
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("insert into identity.auth_decisions"
                + " (at, principal, client, method, path, outcome, status, reason, request_id, instance) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Decision d : batch) {
                q.setTimestamp(1, Timestamp.from(Instant.parse(d.at())));
                q.setString(2, d.principal());
                q.setString(3, d.client());
                q.setString(4, d.method());
                q.setString(5, d.path());
                q.setString(6, d.allowed() ? "allowed" : "denied");
                q.setInt(7, d.status());
                q.setString(8, d.reason());
                q.setString(9, d.requestId());
                q.setString(10, d.instance());
                q.addBatch();
            }
            q.executeBatch();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Writing " + batch.size() + " audit decisions failed; they are lost", e);
        }
    }

    private static String cut(String s, int max) {
        String text = s == null ? "-" : s;
        return text.length() <= max ? text : text.substring(0, max);
    }
}
