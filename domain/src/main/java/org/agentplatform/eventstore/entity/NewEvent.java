package org.agentplatform.eventstore.entity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.UUID;

/** An event to append. The event id makes appends idempotent: the same id is stored once. */
public record NewEvent(UUID eventId, EventType type, int schemaVersion, JsonNode payload) {

    public NewEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }

    public static NewEvent of(EventType type, JsonNode payload) {
        return new NewEvent(UUID.randomUUID(), type, type.currentVersion(), payload);
    }
}
