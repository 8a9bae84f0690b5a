package org.agentplatform.runtime.boundary;

import java.io.Serializable;
import org.agentplatform.runtime.entity.Agent;

/** An agent as the API and the console show it; {@code version} is its stream version (the ETag). */
public record AgentView(String id, String did, String name, String agentType, String status, String createdAt, String updatedAt,
        long version) implements Serializable {

    static AgentView of(Agent a) {
        return new AgentView(a.id().toString(), a.did(), a.name(), a.agentType().wireName(), a.status().wireName(),
                a.createdAt().toString(), a.updatedAt().toString(), a.version());
    }
}
