package org.agentplatform.modelgateway.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Writes usage records into {@code modelgateway.usage} (partitioned by day). When a row's day has no
 * partition yet (the scheduled creation ahead did not run), it creates it and writes again.
 */
@ApplicationScoped
public class UsageLog {
    private static final Logger LOG = Logger.getLogger(UsageLog.class.getName());

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    public void record(UsageRecord u) {
        try {
            insert(u);
        } catch (SQLException e) {
            if (!"23514".equals(e.getSQLState())) { // no partition for the row: create it, write again
                LOG.log(Level.SEVERE, "cannot record model usage (request {0}): {1}", new Object[] {u.requestId(), e.getMessage()});
                return;
            }
            try {
                ensurePartition(LocalDate.ofInstant(u.at(), ZoneOffset.UTC));
                insert(u);
            } catch (SQLException again) {
                LOG.log(Level.SEVERE, "cannot record model usage (request {0}): {1}", new Object[] {u.requestId(), again.getMessage()});
            }
        }
    }

    public void ensurePartition(LocalDate day) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("select modelgateway.ensure_usage_partition(?)")) {
            q.setObject(1, day);
            q.execute();
        }
    }

    private void insert(UsageRecord u) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("insert into modelgateway.usage"
                + " (id, created_at, request_id, operation, requested, model, provider, outcome, error_code, tokens_in, tokens_out,"
                + " latency_ms, cost_usd, cache_hit, streamed, caller, api_key_id, agent_id, goal_id, plan_id, task_id)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
            q.executeUpdate();
        }
    }
}
