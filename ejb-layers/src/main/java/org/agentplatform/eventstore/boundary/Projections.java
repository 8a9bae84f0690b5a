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
import org.agentplatform.eventstore.control.EventHandler;
import org.agentplatform.eventstore.control.InlineProjection;
import org.agentplatform.eventstore.entity.RecordedEvent;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;

/**
 * The read models and their rebuild from position 0, while the platform runs. An inline projection
 * (agents) is rebuilt in one transaction that holds the append lock, so no event slips between;
 * a subscription projection is emptied and its checkpoints set to 0 (taking its leases away from any
 * in-flight delivery), then it catches up in the background and reports its progress.
 */
@Stateless
@RolesAllowed({"admin", "operator", "auditor"})
public class Projections {
    private static final int BATCH = 1000;

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    @Inject
    @Any
    Instance<InlineProjection> inline;

    @Inject
    @Any
    Instance<EventHandler> handlers;

    @Inject
    EventStore store;

    @Inject
    SubscriptionRunner runner;

    public List<ProjectionView> list() {
        List<ProjectionView> views = new ArrayList<>();
        inline.forEach(p -> views.add(get(name(p))));
        handlers.stream().filter(EventHandler::projection).forEach(h -> views.add(get(h.group())));
        return views;
    }

    public ProjectionView get(String name) {
        long last = store.lastPosition();
        if (inlineNamed(name) != null) {
            return new ProjectionView(name, "inline", "live", last, last, 1.0);
        }
        EventHandler handler = projectionNamed(name);
        try (Connection c = dataSource.getConnection()) {
            long position = single(c, "select coalesce(min(position), 0) from eventstore.checkpoints where group_name = ?", name);
            long target = single(c, "select coalesce(max(target_position), 0) from eventstore.projection_rebuilds where name = ?", name);
            boolean rebuilding = position < target;
            double progress = target == 0 ? 1.0 : Math.min(1.0, (double) position / target);
            return new ProjectionView(handler.group(), "subscription", rebuilding ? "rebuilding" : "live", position, last,
                    rebuilding ? progress : 1.0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @RolesAllowed({"admin", "operator"})
    public ProjectionView rebuild(String name) {
        InlineProjection projection = inlineNamed(name);
        try (Connection c = dataSource.getConnection()) {
            if (projection != null) {
                rebuildInline(c, projection);
                record(c, name, single(c, "select last_position from eventstore.positions", null), true);
            } else {
                EventHandler handler = projectionNamed(name);
                try (PreparedStatement q = c.prepareStatement("update eventstore.checkpoints set position = 0, owner = null,"
                        + " lease_until = null, updated_at = now() where group_name = ?")) {
                    q.setString(1, name);
                    q.executeUpdate();
                }
                handler.reset(c);
                record(c, name, store.lastPosition(), false);
            }
        } catch (PlatformException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Rebuilding " + name + " failed", e);
        }
        runner.wakeUp();
        return get(name);
    }

    private void rebuildInline(Connection c, InlineProjection projection) throws SQLException {
        single(c, "select last_position from eventstore.positions for update", null); // appends wait until we commit
        projection.reset(c);
        EventFilter filter = new EventFilter(List.of(), projection.streamType(), null, null, null);
        long after = 0;
        List<RecordedEvent> batch;
        do {
            batch = store.readAll(filter, after, BATCH);
            for (RecordedEvent e : batch) {
                projection.apply(c, e);
                after = e.position();
            }
        } while (batch.size() == BATCH);
    }

    private static void record(Connection c, String name, long target, boolean finished) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("insert into eventstore.projection_rebuilds (name, target_position, started_at,"
                + " finished_at) values (?, ?, now(), " + (finished ? "now()" : "null") + ") on conflict (name) do update"
                + " set target_position = excluded.target_position, started_at = excluded.started_at, finished_at = excluded.finished_at")) {
            q.setString(1, name);
            q.setLong(2, target);
            q.executeUpdate();
        }
    }

    private InlineProjection inlineNamed(String name) {
        return inline.stream().filter(p -> name(p).equals(name)).findFirst().orElse(null);
    }

    private EventHandler projectionNamed(String name) {
        return handlers.stream().filter(h -> h.projection() && h.group().equals(name)).findFirst()
                .orElseThrow(() -> new PlatformException(ErrorCode.PROJECTION_NOT_FOUND, "No projection '" + name + "'."));
    }

    /** An inline projection is named after its stream type's read model: agent → agents. */
    private static String name(InlineProjection p) {
        return p.streamType() + "s";
    }

    private static long single(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            if (arg != null) {
                q.setString(1, arg);
            }
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
