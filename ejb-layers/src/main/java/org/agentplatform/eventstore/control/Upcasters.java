package org.agentplatform.eventstore.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agentplatform.eventstore.entity.EventType;
import org.agentplatform.eventstore.entity.RecordedEvent;

/**
 * Brings stored payloads to their type's current schema version on read, one version step at a
 * time, so the store never rewrites history and readers only know current shapes.
 */
public final class Upcasters {

    public RecordedEvent toCurrent(RecordedEvent event) {
        EventType type = EventType.fromWire(event.eventType()).orElse(null);
        RecordedEvent current = event;
        while (type != null && current.schemaVersion() < type.currentVersion()) {
            current = step(type, current);
        }
        return current;
    }

    private static RecordedEvent step(EventType type, RecordedEvent e) {
        if (type == EventType.CONFIGURATION_SET && e.schemaVersion() == 1) {
            // v2 added the scope; everything set before it applied to the whole platform.
            ObjectNode payload = e.payload().deepCopy();
            payload.put("scope", "platform");
            return e.withPayload(2, payload);
        }
        throw new IllegalStateException("No upcaster for " + type.wireName() + " v" + e.schemaVersion());
    }
}
