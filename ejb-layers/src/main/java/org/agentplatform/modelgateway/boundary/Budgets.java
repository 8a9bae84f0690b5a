package org.agentplatform.modelgateway.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;

/**
 * Budgets per API key, agent, goal and user. A call reserves its estimated maximum cost (and its
 * token upper bound against tokens per minute) at admission, in every budget that applies, with one
 * conditional UPDATE each: PostgreSQL's row lock makes "spent + reserved + estimate ≤ limit" exact
 * across instances, so concurrent calls cannot overrun (docs/adr/0007-model-gateway.md). After the
 * call the reservation is settled to the actual cost.
 */
@Stateless
@RolesAllowed({"admin", "operator", "developer", "auditor", "viewer"})
public class Budgets {
    /** Whether the budget's period has moved on since it was last used (then what was spent starts at 0). */
    private static final String ROLLED = "(case when period = 'total' then false else period_start < date_trunc(period, now()) end)";
    private static final String MINUTE_USED = "(case when minute_start < date_trunc('minute', now()) then 0 else minute_tokens end)";
    private static final String SELECT = "select id, scope_type, scope_id, period, limit_usd, spent_usd, reserved_usd, period_start,"
            + " tokens_per_minute from modelgateway.budgets";

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    ModelCatalog catalog;

    /** A scope a call is charged to: ("key", key id), ("agent", id), ("goal", id), ("user", name). */
    public record Scope(String type, String id) {}

    /** What a call holds until it is settled. */
    public record Reservation(List<String> budgetIds, BigDecimal amount, int tokens) {
        public static final Reservation NONE = new Reservation(List.of(), BigDecimal.ZERO, 0);
    }

    @RolesAllowed({"admin", "operator"})
    public BudgetView set(@NotNull(message = "A JSON body is required.") @Valid BudgetRequest r) {
        String period = r.period() == null ? "month" : r.period();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("insert into modelgateway.budgets"
                + " (id, scope_type, scope_id, period, limit_usd, period_start, tokens_per_minute) values (?, ?, ?, ?, ?,"
                + " case when ? = 'total' then now() else date_trunc(?, now()) end, ?) on conflict (scope_type, scope_id) do update"
                + " set period = excluded.period, limit_usd = excluded.limit_usd, tokens_per_minute = excluded.tokens_per_minute")) {
            q.setObject(1, UUID.randomUUID());
            q.setString(2, r.scopeType());
            q.setString(3, r.scopeId());
            q.setString(4, period);
            q.setBigDecimal(5, r.limitUsd());
            q.setString(6, period);
            q.setString(7, period);
            q.setObject(8, r.tokensPerMinute());
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                catalog.changed(); // every gateway learns that this scope has a budget now
            }
        });
        return find(new Scope(r.scopeType(), r.scopeId())).orElseThrow();
    }

    public List<BudgetView> list() {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(SELECT + " order by scope_type, scope_id")) {
            return read(q);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reserves {@code amount} dollars and {@code tokens} in every budget of these scopes, all or none.
     * Over a spend limit: E4201 (402); over tokens per minute: E4202 (429); both with the remaining budget.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Reservation reserve(List<Scope> scopes, BigDecimal amount, int tokens) {
        List<String> held = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (Scope s : scopes) {
                try (PreparedStatement q = c.prepareStatement("update modelgateway.budgets set"
                        + " spent_usd = case when " + ROLLED + " then 0 else spent_usd end,"
                        + " period_start = case when " + ROLLED + " then date_trunc(period, now()) else period_start end,"
                        + " reserved_usd = reserved_usd + ?,"
                        + " minute_tokens = " + MINUTE_USED + " + ?,"
                        + " minute_start = greatest(minute_start, date_trunc('minute', now()))"
                        + " where scope_type = ? and scope_id = ?"
                        + " and (case when " + ROLLED + " then 0 else spent_usd end) + reserved_usd + ? <= limit_usd"
                        + " and (tokens_per_minute is null or " + MINUTE_USED + " + ? <= tokens_per_minute) returning id")) {
                    q.setBigDecimal(1, amount);
                    q.setInt(2, tokens);
                    q.setString(3, s.type());
                    q.setString(4, s.id());
                    q.setBigDecimal(5, amount);
                    q.setInt(6, tokens);
                    try (ResultSet r = q.executeQuery()) {
                        if (r.next()) {
                            held.add(r.getString(1));
                            continue;
                        }
                    }
                }
                find(c, s).ifPresent(b -> refuse(b, amount, tokens));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return held.isEmpty() ? Reservation.NONE : new Reservation(List.copyOf(held), amount, tokens);
    }

    /** Releases the reservation and charges what the call really cost. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void settle(Reservation reservation, BigDecimal actual, int actualTokens) {
        if (reservation.budgetIds().isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("update modelgateway.budgets set"
                + " reserved_usd = greatest(0, reserved_usd - ?), spent_usd = spent_usd + ?,"
                + " minute_tokens = greatest(0, minute_tokens - ? + ?) where id = ?::uuid")) {
            for (String id : reservation.budgetIds()) {
                q.setBigDecimal(1, reservation.amount());
                q.setBigDecimal(2, actual);
                q.setInt(3, reservation.tokens());
                q.setInt(4, actualTokens);
                q.setString(5, id);
                q.addBatch();
            }
            q.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void refuse(BudgetView b, BigDecimal amount, int tokens) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("scopeType", b.scopeType());
        details.put("scopeId", b.scopeId());
        details.put("limitUsd", b.limitUsd());
        details.put("remainingUsd", b.remainingUsd());
        details.put("estimatedMaxCostUsd", amount);
        if (b.remainingUsd().compareTo(amount) >= 0 && b.tokensPerMinute() != null) {
            details.put("tokensPerMinute", b.tokensPerMinute());
            details.put("requestedTokens", tokens);
            details.put("retryAfterSeconds", 60);
            throw new PlatformException(ErrorCode.TOKEN_RATE_EXCEEDED, "The " + b.scopeType() + " '" + b.scopeId()
                    + "' may use " + b.tokensPerMinute() + " tokens per minute; this call needs up to " + tokens + ".", details);
        }
        throw new PlatformException(ErrorCode.BUDGET_EXCEEDED, "The budget of " + b.scopeType() + " '" + b.scopeId() + "' has $"
                + b.remainingUsd().toPlainString() + " left; this call may cost up to $" + amount.toPlainString() + ".", details);
    }

    java.util.Optional<BudgetView> find(Scope s) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, s);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.Optional<BudgetView> find(Connection c, Scope s) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(SELECT + " where scope_type = ? and scope_id = ?")) {
            q.setString(1, s.type());
            q.setString(2, s.id());
            return read(q).stream().findFirst();
        }
    }

    private static List<BudgetView> read(PreparedStatement q) throws SQLException {
        List<BudgetView> all = new ArrayList<>();
        try (ResultSet r = q.executeQuery()) {
            while (r.next()) {
                BigDecimal limit = r.getBigDecimal(5).stripTrailingZeros();
                BigDecimal spent = r.getBigDecimal(6).stripTrailingZeros();
                BigDecimal reserved = r.getBigDecimal(7).stripTrailingZeros();
                Integer tpm = (Integer) r.getObject(9);
                all.add(new BudgetView(r.getString(1), r.getString(2), r.getString(3), r.getString(4), limit, spent, reserved,
                        limit.subtract(spent).subtract(reserved).max(BigDecimal.ZERO).stripTrailingZeros(), r.getTimestamp(8).toInstant().toString(), tpm));
            }
        }
        return all;
    }
}
