package org.agentplatform.modelgateway.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The usage records summed by hour and model, with filters: what the Costs page and {@code GET
 * /models/usage} show. Scans only the partitions of the period asked for (24 hours by default).
 */
@Stateless
@RolesAllowed({"admin", "operator", "developer", "auditor"})
public class ModelUsage {

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    public List<UsageHour> hourly(UsageFilter f) {
        Instant to = f.to() == null ? Instant.now() : f.to();
        Instant from = f.from() == null ? to.minus(Duration.ofHours(24)) : f.from();
        StringBuilder sql = new StringBuilder("select date_trunc('hour', created_at) as hour, model, provider, count(*),"
                + " count(*) filter (where outcome = 'ok'), count(*) filter (where outcome = 'failed'),"
                + " count(*) filter (where outcome = 'refused'), count(*) filter (where cache_hit), count(*) filter (where streamed),"
                + " coalesce(sum(tokens_in), 0), coalesce(sum(tokens_out), 0), coalesce(sum(cost_usd), 0), coalesce(avg(latency_ms), 0),"
                + " coalesce(percentile_cont(0.95) within group (order by latency_ms), 0)"
                + " from modelgateway.usage where created_at >= ? and created_at < ?");
        List<String> values = new ArrayList<>();
        filter(sql, values, "model", f.model());
        filter(sql, values, "provider", f.provider());
        filter(sql, values, "caller", f.caller());
        filter(sql, values, "api_key_id", f.apiKeyId());
        filter(sql, values, "agent_id", f.agentId());
        filter(sql, values, "goal_id", f.goalId());
        filter(sql, values, "operation", f.operation());
        sql.append(" group by 1, 2, 3 order by 1, 2 nulls last, 3 limit 5000");
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql.toString())) {
            q.setTimestamp(1, Timestamp.from(from));
            q.setTimestamp(2, Timestamp.from(to));
            for (int i = 0; i < values.size(); i++) {
                q.setString(i + 3, values.get(i));
            }
            List<UsageHour> hours = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    hours.add(new UsageHour(r.getTimestamp(1).toInstant().toString(), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5),
                            r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11),
                            r.getBigDecimal(12).stripTrailingZeros(), Math.round(r.getDouble(13)), Math.round(r.getDouble(14))));
                }
            }
            return hours;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void filter(StringBuilder sql, List<String> values, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" and ").append(column).append(" = ?");
            values.add(value);
        }
    }
}
