package org.agentplatform.eventstore.boundary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.agentplatform.eventstore.control.EventSchemas;
import org.agentplatform.eventstore.control.InlineProjection;
import org.agentplatform.eventstore.control.Upcasters;
import org.agentplatform.eventstore.entity.EventMetadata;
import org.agentplatform.eventstore.entity.EventType;
import org.agentplatform.eventstore.entity.ExpectedVersion;
import org.agentplatform.eventstore.entity.NewEvent;
import org.agentplatform.eventstore.entity.RecordedEvent;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;

/**
 * The event store: the system of record. Guarantees:
 * <ul>
 *   <li>an append of one or many events to a stream is atomic and checks the expected version; a
 *       conflict (E1001, 409) writes nothing;</li>
 *   <li>global positions are gap-free and assigned in commit order (appends serialize on one row);</li>
 *   <li>the same event id is stored once: repeating a whole append is a no-op that answers the
 *       original positions;</li>
 *   <li>payloads are valid against their type's schema version; reads answer the current version;</li>
 *   <li>inline projections (agents) change in the same transaction; after commit, the position is
 *       published on the data grid topic {@value #APPENDED_TOPIC} to wake subscribers.</li>
 * </ul>
 */
@Stateless
@PermitAll
public class EventStore {
    public static final String APPENDED_TOPIC = "eventstore-appended";
    private static final Logger LOG = Logger.getLogger(EventStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventSchemas SCHEMAS = new EventSchemas(EventStore.class.getClassLoader());
    private static final Upcasters UPCASTERS = new Upcasters();
    private static final String SELECT = "select position, stream_type, stream_id, version, event_id, event_type,"
            + " schema_version, payload::text, metadata::text, recorded_at from eventstore.events";

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    @Inject
    @Any
    Instance<InlineProjection> projections;

    Clock clock = Clock.systemUTC();

    public AppendResult append(String streamType, String streamId, ExpectedVersion expected, List<NewEvent> events,
            EventMetadata metadata) {
        checkAppend(streamType, streamId, events);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String metadataJson = json(JSON.valueToTree(metadata));
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("select outcome, stream_version, first_position, last_position"
                        + " from eventstore.append(?, ?, ?, ?, ?, ?, ?, ?::jsonb[], ?::jsonb, ?)")) {
            q.setString(1, streamType);
            q.setString(2, streamId);
            q.setString(3, expected.kind().name().toLowerCase(java.util.Locale.ROOT));
            q.setLong(4, expected.version());
            q.setArray(5, c.createArrayOf("uuid", events.stream().map(NewEvent::eventId).toArray()));
            q.setArray(6, c.createArrayOf("varchar", events.stream().map(e -> e.type().wireName()).toArray()));
            q.setArray(7, c.createArrayOf("int4", events.stream().map(NewEvent::schemaVersion).toArray()));
            q.setArray(8, c.createArrayOf("text", events.stream().map(e -> json(e.payload())).toArray()));
            q.setString(9, metadataJson);
            q.setTimestamp(10, Timestamp.from(now));
            try (ResultSet r = q.executeQuery()) {
                r.next();
                String outcome = r.getString(1);
                long version = r.getLong(2);
                long first = r.getLong(3);
                long last = r.getLong(4);
                switch (outcome) {
                    case "idempotent":
                        return new AppendResult(streamType, streamId, version, first, last, null, true);
                    case "partial":
                        throw new PlatformException(ErrorCode.DUPLICATE_EVENT_CONFLICT, "Some of the " + events.size()
                                + " events were appended before, others not: send the batch as it was, or only new event ids.");
                    case "conflict":
                        throw new PlatformException(ErrorCode.VERSION_CONFLICT,
                                "The stream " + streamType + "/" + streamId + " is at version " + version + ", not at " + expected
                                        + ": read it again and retry.",
                                Map.of("currentVersion", version, "expectedVersion", expected.toString()));
                    default:
                        JsonNode meta = JSON.readTree(metadataJson);
                        List<RecordedEvent> recorded = new ArrayList<>(events.size());
                        for (int i = 0; i < events.size(); i++) {
                            NewEvent e = events.get(i);
                            recorded.add(new RecordedEvent(first + i, streamType, streamId, version - events.size() + 1 + i,
                                    e.eventId(), e.type().wireName(), e.schemaVersion(), e.payload(), meta, now));
                        }
                        project(c, streamType, recorded);
                        publishAfterCommit(last);
                        return new AppendResult(streamType, streamId, version, first, last, now.toString(), false);
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Appending to " + streamType + "/" + streamId + " failed", e);
        }
    }

    /** The stream in version order (or reverse), from a version on, payloads at their current schema version. */
    public List<RecordedEvent> readStream(String streamType, String streamId, long fromVersion, boolean forward, int limit) {
        String sql = SELECT + " where stream_type = ? and stream_id = ? and version " + (forward ? ">=" : "<=")
                + " ? order by version " + (forward ? "asc" : "desc") + " limit ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, streamType);
            q.setString(2, streamId);
            q.setLong(3, forward ? Math.max(fromVersion, 1) : (fromVersion <= 0 ? Long.MAX_VALUE : fromVersion));
            q.setInt(4, limit);
            return read(q);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading " + streamType + "/" + streamId + " failed", e);
        }
    }

    /** Events after a global position, in position order, filtered. */
    public List<RecordedEvent> readAll(EventFilter filter, long afterPosition, int limit) {
        return readPartition(filter, afterPosition, limit, 0, 1);
    }

    /**
     * Like {@link #readAll} for one of {@code partitions} hash ranges of streams: all events of a
     * stream fall in the same partition (hash of type and id).
     */
    public List<RecordedEvent> readPartition(EventFilter filter, long afterPosition, int limit, int partition, int partitions) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where position > ?");
        List<Object> args = new ArrayList<>(List.of(afterPosition));
        if (partitions > 1) {
            sql.append(" and mod(hashtext(stream_type || '/' || stream_id)::bigint + 2147483648, ?) = ?");
            args.add(partitions);
            args.add(partition);
        }
        if (filter.types() != null && !filter.types().isEmpty()) {
            sql.append(" and event_type = any (?)");
            args.add(filter.types());
        }
        if (filter.streamType() != null) {
            sql.append(" and stream_type = ?");
            args.add(filter.streamType());
        }
        if (filter.streamId() != null) {
            sql.append(" and stream_id = ?");
            args.add(filter.streamId());
        }
        if (filter.from() != null) {
            sql.append(" and recorded_at >= ?");
            args.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and recorded_at < ?");
            args.add(Timestamp.from(filter.to()));
        }
        sql.append(" order by position limit ?");
        args.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                Object arg = args.get(i);
                if (arg instanceof List<?> list) {
                    q.setArray(i + 1, c.createArrayOf("varchar", list.toArray()));
                } else {
                    q.setObject(i + 1, arg);
                }
            }
            return read(q);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading events failed", e);
        }
    }

    /** The stream's version; 0 when it does not exist. */
    public long streamVersion(String streamType, String streamId) {
        try (Connection c = dataSource.getConnection()) {
            return currentVersion(c, streamType, streamId, false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long lastPosition() {
        try (Connection c = dataSource.getConnection()) {
            return single(c, "select last_position from eventstore.positions");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkAppend(String streamType, String streamId, List<NewEvent> events) {
        if (events == null || events.isEmpty()) {
            throw new PlatformException(ErrorCode.EVENT_INVALID, "An append needs at least one event.");
        }
        if (events.size() > 1000) {
            throw new PlatformException(ErrorCode.EVENT_INVALID, "An append takes at most 1000 events.");
        }
        if (streamId == null || streamId.isBlank() || streamId.length() > 200) {
            throw new PlatformException(ErrorCode.EVENT_INVALID, "A stream id is 1 to 200 characters.");
        }
        for (NewEvent e : events) {
            if (!e.type().streamType().equals(streamType)) {
                throw new PlatformException(ErrorCode.EVENT_INVALID, e.type().wireName() + " events belong to '"
                        + e.type().streamType() + "' streams, not to '" + streamType + "'.");
            }
            SCHEMAS.validate(e.type(), e.schemaVersion(), e.payload());
        }
        if (events.stream().map(NewEvent::eventId).distinct().count() != events.size()) {
            throw new PlatformException(ErrorCode.EVENT_INVALID, "The event ids of one append must differ.");
        }
    }

    private static long currentVersion(Connection c, String streamType, String streamId, boolean lock) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select version from eventstore.streams where stream_type = ?"
                + " and stream_id = ?" + (lock ? " for update" : ""))) {
            q.setString(1, streamType);
            q.setString(2, streamId);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private void project(Connection c, String streamType, List<RecordedEvent> recorded) throws SQLException {
        for (InlineProjection projection : projections) {
            if (projection.streamType().equals(streamType)) {
                for (RecordedEvent e : recorded) {
                    projection.apply(c, UPCASTERS.toCurrent(e));
                }
            }
        }
    }

    private void publishAfterCommit(long lastPosition) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    try {
                        grid.getTopic(APPENDED_TOPIC).publish(lastPosition);
                    } catch (RuntimeException e) {
                        // Subscribers also poll: a lost wake-up only delays delivery.
                        LOG.log(Level.WARNING, "Could not publish the append of position " + lastPosition, e);
                    }
                }
            }
        });
    }

    private static List<RecordedEvent> read(PreparedStatement q) throws SQLException {
        List<RecordedEvent> events = new ArrayList<>();
        try (ResultSet r = q.executeQuery()) {
            while (r.next()) {
                events.add(UPCASTERS.toCurrent(new RecordedEvent(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4),
                        r.getObject(5, UUID.class), r.getString(6), r.getInt(7), tree(r.getString(8)), tree(r.getString(9)),
                        r.getTimestamp(10).toInstant())));
            }
        }
        return events;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql); ResultSet r = q.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored event is not JSON", e);
        }
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
