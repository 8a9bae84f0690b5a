package org.agentplatform.eventstore.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.agentplatform.eventstore.entity.EventType.StreamType;
import org.agentplatform.eventstore.entity.RecordedEvent;

/** A configuration stream's state: each key's last value and scope. */
@ApplicationScoped
public class ConfigurationFolder implements StreamFolder {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String streamType() {
        return StreamType.CONFIGURATION;
    }

    @Override
    public JsonNode fold(List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return null;
        }
        ObjectNode state = JSON.createObjectNode();
        for (RecordedEvent e : events) {
            state.putObject(e.payload().get("key").asText())
                    .put("value", e.payload().get("value").asText())
                    .put("scope", e.payload().get("scope").asText());
        }
        return state;
    }
}
