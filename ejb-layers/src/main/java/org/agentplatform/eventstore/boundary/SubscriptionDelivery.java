package org.agentplatform.eventstore.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.agentplatform.eventstore.control.EventHandler;
import org.agentplatform.eventstore.entity.RecordedEvent;

/**
 * The transactions of a subscription: each delivery runs the handler and advances the checkpoint
 * together, only while this instance holds the partition's lease. A lease expires unless renewed,
 * so a partition of a dead instance passes to a live one without a coordinator.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SubscriptionDelivery {

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    public void register(EventHandler handler) {
        sql("insert into eventstore.subscriptions (group_name, partitions, max_attempts, created_at) values (?, ?, ?, now())"
                + " on conflict (group_name) do update set max_attempts = excluded.max_attempts",
                handler.group(), handler.partitions(), handler.maxAttempts());
        for (int p = 0; p < handler.partitions(); p++) {
            sql("insert into eventstore.checkpoints (group_name, partition, position, updated_at) values (?, ?, 0, now())"
                    + " on conflict do nothing", handler.group(), p);
        }
    }

    /** Takes or renews the lease; answers the checkpoint, or -1 while another instance holds it. */
    public long lease(String group, int partition, String owner, int seconds) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("update eventstore.checkpoints"
                + " set owner = ?, lease_until = clock_timestamp() + make_interval(secs => ?)"
                + " where group_name = ? and partition = ? and (owner is null or owner = ? or lease_until < clock_timestamp())"
                + " returning position")) {
            q.setString(1, owner);
            q.setInt(2, seconds);
            q.setString(3, group);
            q.setInt(4, partition);
            q.setString(5, owner);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void release(String group, int partition, String owner) {
        sql("update eventstore.checkpoints set owner = null, lease_until = null where group_name = ? and partition = ? and owner = ?",
                group, partition, owner);
    }

    public void deliver(EventHandler handler, int partition, String owner, RecordedEvent event) {
        try (Connection c = dataSource.getConnection()) {
            handler.handle(c, event);
            advance(c, handler.group(), partition, owner, event.position());
        } catch (DeliveryFailure e) {
            throw e;
        } catch (Exception e) {
            throw new DeliveryFailure(e.getClass().getSimpleName() + ": " + e.getMessage(), e, false);
        }
    }

    /** Delivers several events in one transaction: all of them and the checkpoint, or none. */
    public void deliverAll(EventHandler handler, int partition, String owner, List<RecordedEvent> events) {
        try (Connection c = dataSource.getConnection()) {
            for (RecordedEvent event : events) {
                handler.handle(c, event);
            }
            advance(c, handler.group(), partition, owner, events.get(events.size() - 1).position());
        } catch (DeliveryFailure e) {
            throw e;
        } catch (Exception e) {
            throw new DeliveryFailure(e.getClass().getSimpleName() + ": " + e.getMessage(), e, false);
        }
    }

    /** Moves the checkpoint past events the group does not take (never backwards). */
    public void skipTo(String group, int partition, String owner, long position) {
        try (Connection c = dataSource.getConnection()) {
            advance(c, group, partition, owner, position);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves every checkpoint of a group that is switched off to the end, so switching it on starts from now. */
    public void skipAll(String group, long position) {
        sql("update eventstore.checkpoints set position = ?, updated_at = now() where group_name = ? and position < ?",
                position, group, position);
    }

    /** Gives up on an event after its last attempt: parks it with the error and moves on. */
    public void park(String group, int partition, String owner, RecordedEvent event, int attempts, String error) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement q = c.prepareStatement("insert into eventstore.parked_events (group_name, position, partition,"
                    + " attempts, error, parked_at) values (?, ?, ?, ?, ?, now()) on conflict (group_name, position)"
                    + " do update set attempts = excluded.attempts, error = excluded.error, parked_at = excluded.parked_at")) {
                q.setString(1, group);
                q.setLong(2, event.position());
                q.setInt(3, partition);
                q.setInt(4, attempts);
                q.setString(5, error.length() > 2000 ? error.substring(0, 2000) : error);
                q.executeUpdate();
            }
            advance(c, group, partition, owner, event.position());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delivers a parked event again; on success it is no longer parked. */
    public void replay(EventHandler handler, RecordedEvent event) {
        try (Connection c = dataSource.getConnection()) {
            handler.handle(c, event);
            try (PreparedStatement q = c.prepareStatement("delete from eventstore.parked_events where group_name = ? and position = ?")) {
                q.setString(1, handler.group());
                q.setLong(2, event.position());
                q.executeUpdate();
            }
        } catch (Exception e) {
            throw new DeliveryFailure(e.getClass().getSimpleName() + ": " + e.getMessage(), e, false);
        }
    }

    /** Records a failed replay (a transaction of its own: the replay's was rolled back). */
    public void replayFailed(String group, long position, String error) {
        sql("update eventstore.parked_events set attempts = attempts + 1, error = ?, parked_at = now()"
                + " where group_name = ? and position = ?", error, group, position);
    }

    private static void advance(Connection c, String group, int partition, String owner, long position) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("update eventstore.checkpoints set position = greatest(position, ?),"
                + " updated_at = now() where group_name = ? and partition = ? and owner = ?")) {
            q.setLong(1, position);
            q.setString(2, group);
            q.setInt(3, partition);
            q.setString(4, owner);
            if (q.executeUpdate() != 1) {
                throw new DeliveryFailure("The lease of " + group + "/" + partition + " was lost", null, true);
            }
        }
    }

    private void sql(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
