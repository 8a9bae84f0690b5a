package org.agentplatform.eventstore.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import org.agentplatform.eventstore.entity.RecordedEvent;

/** An event as the API shows it. */
public record EventView(long position, String streamType, String streamId, long version, String eventId, String type,
        int schemaVersion, JsonNode payload, JsonNode metadata, String recordedAt) {

    public static EventView of(RecordedEvent e) {
        return new EventView(e.position(), e.streamType(), e.streamId(), e.version(), e.eventId().toString(), e.eventType(),
                e.schemaVersion(), e.payload(), e.metadata(), e.recordedAt().toString());
    }
}
