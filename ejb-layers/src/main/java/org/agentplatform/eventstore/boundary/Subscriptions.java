package org.agentplatform.eventstore.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.agentplatform.eventstore.boundary.SubscriptionView.PartitionView;
import org.agentplatform.eventstore.control.EventHandler;
import org.agentplatform.eventstore.entity.RecordedEvent;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;

/** Consumer groups as operators see them: lag per partition, parked events, replay and skip. */
@Stateless
@RolesAllowed({"admin", "operator", "auditor"})
public class Subscriptions {

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    @Inject
    @Any
    Instance<EventHandler> handlers;

    @Inject
    EventStore store;

    @Inject
    SubscriptionDelivery delivery;

    public List<SubscriptionView> list() {
        return handlers.stream().map(EventHandler::group).sorted().map(this::get).toList();
    }

    public SubscriptionView get(String group) {
        EventHandler handler = handler(group);
        long last = store.lastPosition();
        List<PartitionView> partitions = new ArrayList<>();
        long parked;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement q = c.prepareStatement("select partition, position, owner, lease_until from eventstore.checkpoints"
                    + " where group_name = ? order by partition")) {
                q.setString(1, group);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        partitions.add(new PartitionView(r.getInt(1), r.getLong(2), r.getString(3),
                                r.getTimestamp(4) == null ? null : r.getTimestamp(4).toInstant().toString(), Math.max(0, last - r.getLong(2))));
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("select count(*) from eventstore.parked_events where group_name = ?")) {
                q.setString(1, group);
                try (ResultSet r = q.executeQuery()) {
                    r.next();
                    parked = r.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        long lag = partitions.stream().mapToLong(PartitionView::lag).max().orElse(0);
        return new SubscriptionView(group, handler.description() + (handler.enabled() ? "" : " (disabled)"), handler.eventTypes(),
                handler.streamType(), handler.partitions(), handler.maxAttempts(), last, lag, parked, partitions);
    }

    public List<ParkedEventView> parked(String group) {
        handler(group);
        List<ParkedEventView> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("select p.position, e.event_id,"
                + " e.event_type, e.stream_type, e.stream_id, p.partition, p.attempts, p.error, p.parked_at"
                + " from eventstore.parked_events p join eventstore.events e on e.position = p.position"
                + " where p.group_name = ? order by p.position limit 1000")) {
            q.setString(1, group);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    result.add(new ParkedEventView(group, r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getInt(6), r.getInt(7), r.getString(8), r.getTimestamp(9).toInstant().toString()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /** Delivers one parked event again, now; it stays parked (attempts + 1) if the handler fails again. */
    @RolesAllowed({"admin", "operator"})
    public ReplayResult replay(String group, long position) {
        EventHandler handler = handler(group);
        if (parked(group).stream().noneMatch(p -> p.position() == position)) {
            throw new PlatformException(ErrorCode.PARKED_EVENT_NOT_FOUND, "No event at position " + position + " is parked for " + group + ".");
        }
        RecordedEvent event = store.readAll(EventFilter.ALL, position - 1, 1).get(0);
        try {
            delivery.replay(handler, event);
            return new ReplayResult(1, 0);
        } catch (DeliveryFailure e) {
            delivery.replayFailed(group, position, e.getMessage());
            return new ReplayResult(0, 1);
        }
    }

    @RolesAllowed({"admin", "operator"})
    public ReplayResult replayAll(String group) {
        int replayed = 0;
        int failed = 0;
        for (ParkedEventView p : parked(group)) {
            ReplayResult one = replay(group, p.position());
            replayed += one.replayed();
            failed += one.failed();
        }
        return new ReplayResult(replayed, failed);
    }

    /** Gives up on a parked event for good. */
    @RolesAllowed({"admin", "operator"})
    public void skip(String group, long position) {
        handler(group);
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "delete from eventstore.parked_events where group_name = ? and position = ?")) {
            q.setString(1, group);
            q.setLong(2, position);
            if (q.executeUpdate() == 0) {
                throw new PlatformException(ErrorCode.PARKED_EVENT_NOT_FOUND, "No event at position " + position + " is parked for " + group + ".");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    EventHandler handler(String group) {
        return handlers.stream().filter(h -> h.group().equals(group)).findFirst()
                .orElseThrow(() -> new PlatformException(ErrorCode.SUBSCRIPTION_NOT_FOUND, "No consumer group '" + group + "'."));
    }
}
