package org.agentplatform.eventstore.entity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** An event as stored: its global position, its place in its stream, and its payload at {@code schemaVersion}. */
public record RecordedEvent(
        long position,
        String streamType,
        String streamId,
        long version,
        UUID eventId,
        String eventType,
        int schemaVersion,
        JsonNode payload,
        JsonNode metadata,
        Instant recordedAt) {

    public RecordedEvent withPayload(int newSchemaVersion, JsonNode newPayload) {
        return new RecordedEvent(position, streamType, streamId, version, eventId, eventType, newSchemaVersion, newPayload,
                metadata, recordedAt);
    }
}
