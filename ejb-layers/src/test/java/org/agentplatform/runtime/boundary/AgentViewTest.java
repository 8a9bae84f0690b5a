package org.agentplatform.runtime.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.agentplatform.runtime.entity.Agent;
import org.agentplatform.runtime.entity.AgentType;
import org.junit.jupiter.api.Test;

class AgentViewTest {

    @Test
    void viewShowsTheAgentWithWireNamesAndIsoTimes() {
        Agent agent = new Agent("planner-01", AgentType.PLANNER, Instant.parse("2025-11-25T18:43:12.123456789Z"));

        AgentView cut = AgentView.of(agent);

        assertEquals(agent.id().toString(), cut.id());
        assertEquals(agent.did(), cut.did());
        assertEquals("planner-01", cut.name());
        assertEquals("planner", cut.agentType());
        assertEquals("created", cut.status());
        assertEquals("2025-11-25T18:43:12.123456Z", cut.createdAt());
        assertEquals("2025-11-25T18:43:12.123456Z", cut.updatedAt());
    }
}
