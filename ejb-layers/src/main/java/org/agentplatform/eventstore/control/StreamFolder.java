package org.agentplatform.eventstore.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.agentplatform.eventstore.entity.RecordedEvent;

/** Rebuilds an aggregate's state from its events (for time travel); implementations are CDI beans. */
public interface StreamFolder {

    String streamType();

    /** The state after these events, in version order; null for no events. */
    JsonNode fold(List<RecordedEvent> events);
}
