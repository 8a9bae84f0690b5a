package org.agentplatform.runtime.control;

import java.time.Instant;
import java.util.List;
import org.agentplatform.eventstore.entity.RecordedEvent;
import org.agentplatform.runtime.entity.AgentStatus;

/** An agent as its events make it: the fold of AgentCreated, AgentRenamed and AgentStatusChanged. */
public record AgentState(String id, String name, String did, String agentType, AgentStatus status, long version,
        Instant createdAt, Instant updatedAt) {

    public static AgentState fold(List<RecordedEvent> events) {
        AgentState state = null;
        for (RecordedEvent e : events) {
            state = apply(state, e);
        }
        return state;
    }

    public static AgentState apply(AgentState s, RecordedEvent e) {
        return switch (e.eventType()) {
            case "AgentCreated" -> new AgentState(e.streamId(), e.payload().get("name").asText(), e.payload().get("did").asText(),
                    e.payload().get("agentType").asText(), AgentStatus.CREATED, e.version(), e.recordedAt(), e.recordedAt());
            case "AgentRenamed" -> new AgentState(s.id, e.payload().get("to").asText(), s.did, s.agentType, s.status, e.version(),
                    s.createdAt, e.recordedAt());
            case "AgentStatusChanged" -> new AgentState(s.id, s.name, s.did, s.agentType,
                    AgentStatus.valueOf(e.payload().get("to").asText().toUpperCase(java.util.Locale.ROOT)), e.version(),
                    s.createdAt, e.recordedAt());
            default -> throw new IllegalArgumentException("Not an agent event: " + e.eventType());
        };
    }
}
