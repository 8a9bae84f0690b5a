package org.agentplatform.eventstore.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agentplatform.eventstore.control.StreamFolder;
import org.agentplatform.eventstore.entity.EventMetadata;
import org.agentplatform.eventstore.entity.EventType;
import org.agentplatform.eventstore.entity.EventType.StreamType;
import org.agentplatform.eventstore.entity.ExpectedVersion;
import org.agentplatform.eventstore.entity.NewEvent;
import org.agentplatform.eventstore.entity.RecordedEvent;
import org.agentplatform.kernel.CorrelationId;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;

/**
 * Streams as the API sees them: read one (forward or backward), rebuild its state as of a position
 * or a time, and append to the streams that have no aggregate of their own (configuration). Agent
 * streams change only through the agents API, which guards their lifecycle.
 */
@Stateless
@RolesAllowed({"admin", "operator", "developer", "auditor"})
public class Streams {
    /** Stream types that take appends through this boundary. */
    static final List<String> OPEN_FOR_APPEND = List.of(StreamType.CONFIGURATION);
    private static final int MAX_FOLD = 100_000;

    @Inject
    EventStore store;

    @Inject
    @Any
    Instance<StreamFolder> folders;

    @Resource
    SessionContext caller;

    public List<EventView> read(String streamType, String streamId, long fromVersion, boolean forward, int limit) {
        requireExists(streamType, streamId);
        return store.readStream(streamType, streamId, fromVersion, forward, limit).stream().map(EventView::of).toList();
    }

    /** @param asOf a global position (digits) or an ISO-8601 time; null for now */
    public StreamStateView state(String streamType, String streamId, String asOf) {
        requireExists(streamType, streamId);
        Long position = null;
        Instant time = null;
        if (asOf != null && !asOf.isBlank()) {
            if (asOf.chars().allMatch(Character::isDigit)) {
                position = Long.parseLong(asOf);
            } else {
                try {
                    time = Instant.parse(asOf);
                } catch (DateTimeParseException e) {
                    throw new PlatformException(ErrorCode.BAD_QUERY, "asOf is a position (digits) or an ISO-8601 time such as 2026-11-25T10:00:00Z.");
                }
            }
        }
        Long maxPosition = position;
        Instant maxTime = time;
        List<RecordedEvent> events = store.readStream(streamType, streamId, 1, true, MAX_FOLD).stream()
                .filter(e -> maxPosition == null || e.position() <= maxPosition)
                .filter(e -> maxTime == null || !e.recordedAt().isAfter(maxTime))
                .toList();
        StreamFolder folder = folders.stream().filter(f -> f.streamType().equals(streamType)).findFirst()
                .orElseThrow(() -> new PlatformException(ErrorCode.STREAM_NOT_FOUND, "No stream type '" + streamType + "'."));
        long version = events.isEmpty() ? 0 : events.get(events.size() - 1).version();
        long last = events.isEmpty() ? 0 : events.get(events.size() - 1).position();
        return new StreamStateView(streamType, streamId, position, time == null ? null : time.toString(), version, last,
                folder.fold(events));
    }

    @RolesAllowed({"admin", "operator"})
    public AppendResult append(String streamType, String streamId, @NotNull(message = "A JSON body is required.") @Valid AppendRequest request) {
        if (!OPEN_FOR_APPEND.contains(streamType)) {
            throw new PlatformException(ErrorCode.EVENT_INVALID, "'" + streamType + "' streams change only through their own API"
                    + " (agents: /api/v1/agents); this endpoint appends to " + OPEN_FOR_APPEND + ".");
        }
        List<NewEvent> events = request.events().stream().map(Streams::toNewEvent).toList();
        EventMetadata metadata = new EventMetadata("user:" + caller.getCallerPrincipal().getName(), CorrelationId.current(), null, null);
        return store.append(streamType, streamId, expected(request.expectedVersion()), events, metadata);
    }

    private void requireExists(String streamType, String streamId) {
        if (store.streamVersion(streamType, streamId) == 0) {
            throw new PlatformException(ErrorCode.STREAM_NOT_FOUND, "There is no stream " + streamType + "/" + streamId + ".");
        }
    }

    private static NewEvent toNewEvent(RawEvent raw) {
        EventType type = EventType.fromWire(raw.type()).orElseThrow(() -> new PlatformException(ErrorCode.UNKNOWN_EVENT_TYPE,
                "Unknown event type '" + raw.type() + "'.", Map.of("knownTypes",
                        java.util.Arrays.stream(EventType.values()).map(EventType::wireName).toList())));
        UUID id;
        try {
            id = raw.eventId() == null ? UUID.randomUUID() : UUID.fromString(raw.eventId());
        } catch (IllegalArgumentException e) {
            throw new PlatformException(ErrorCode.EVENT_INVALID, "eventId must be a UUID.");
        }
        int version = raw.schemaVersion() == null ? type.currentVersion() : raw.schemaVersion();
        return new NewEvent(id, type, version, raw.payload());
    }

    static ExpectedVersion expected(String text) {
        if (text == null || text.equals("any")) {
            return ExpectedVersion.ANY;
        }
        if (text.equals("none")) {
            return ExpectedVersion.NO_STREAM;
        }
        try {
            long version = Long.parseLong(text);
            return version == 0 ? ExpectedVersion.NO_STREAM : ExpectedVersion.exactly(version);
        } catch (IllegalArgumentException e) {
            throw new PlatformException(ErrorCode.EVENT_INVALID, "expectedVersion is \"any\", \"none\" or a version number.");
        }
    }
}
