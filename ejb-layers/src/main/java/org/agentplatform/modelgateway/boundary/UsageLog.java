package org.agentplatform.modelgateway.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Writes usage records into {@code modelgateway.usage} (partitioned by day), batched off the request
 * thread: a call queues its record and a task writes the queue every {@value #FLUSH_MILLIS} ms in
 * one batch, so the gateway's latency carries no database write. Records reach the table within a
 * second; a crash loses at most that second (counted in {@code modelgateway_usage_dropped_total} when
 * the queue overflows). When a day has no partition yet, the batch creates it and writes again.
 */
@ApplicationScoped
public class UsageLog {
    private static final Logger LOG = Logger.getLogger(UsageLog.class.getName());
    static final long FLUSH_MILLIS = 250;
    private static final int MAX_QUEUED = 100_000;

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MetricRegistry metrics;

    private final ConcurrentLinkedQueue<UsageRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private ScheduledFuture<?> flusher;

    @PostConstruct
    void start() {
        flusher = scheduler.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        flusher.cancel(false);
        flush();
    }

    public void record(UsageRecord u) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            metrics.counter("modelgateway_usage_dropped_total").inc();
            return;
        }
        queue.add(u);
    }

    public void ensurePartition(LocalDate day) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("select modelgateway.ensure_usage_partition(?)")) {
            q.setObject(1, day);
            q.execute();
        }
    }

    void flush() {
        List<UsageRecord> batch = new ArrayList<>();
        for (UsageRecord u; batch.size() < 5000 && (u = queue.poll()) != null; ) {
            batch.add(u);
        }
        if (batch.isEmpty()) {
            return;
        }
        queued.addAndGet(-batch.size());
        try {
            insert(batch);
        } catch (SQLException e) {
            try {
                if ("23514".equals(e.getSQLState()) || e.getNextException() != null && "23514".equals(e.getNextException().getSQLState())) {
                    for (LocalDate day : batch.stream().map(u -> LocalDate.ofInstant(u.at(), ZoneOffset.UTC)).distinct().toList()) {
                        ensurePartition(day);
                    }
                    insert(batch);
                    return;
                }
            } catch (SQLException again) {
                e = again;
            }
            metrics.counter("modelgateway_usage_dropped_total").inc(batch.size());
            LOG.log(Level.SEVERE, "cannot record {0} model usage records: {1}", new Object[] {batch.size(), e.getMessage()});
        }
    }

    private void insert(List<UsageRecord> batch) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("insert into modelgateway.usage"
                + " (id, created_at, request_id, operation, requested, model, provider, outcome, error_code, tokens_in, tokens_out,"
                + " latency_ms, cost_usd, cache_hit, streamed, caller, api_key_id, agent_id, goal_id, plan_id, task_id)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (UsageRecord u : batch) {
                q.setObject(1, UUID.randomUUID());
                q.setTimestamp(2, Timestamp.from(u.at()));
                q.setString(3, u.requestId());
                q.setString(4, u.operation());
                q.setString(5, u.requested());
                q.setString(6, u.model());
                q.setString(7, u.provider());
                q.setString(8, u.outcome());
                q.setString(9, u.errorCode());
                q.setInt(10, u.tokensIn());
                q.setInt(11, u.tokensOut());
                q.setInt(12, (int) Math.min(Integer.MAX_VALUE, u.latencyMs()));
                q.setBigDecimal(13, u.costUsd());
                q.setBoolean(14, u.cacheHit());
                q.setBoolean(15, u.streamed());
                q.setString(16, u.caller().principal());
                q.setString(17, u.caller().apiKeyId());
                q.setString(18, u.ids().agentId());
                q.setString(19, u.ids().goalId());
                q.setString(20, u.ids().planId());
                q.setString(21, u.ids().taskId());
                q.addBatch();
            }
            q.executeBatch();
        }
    }
}
