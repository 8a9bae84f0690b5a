package org.agentplatform.runtime.control;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.agentplatform.runtime.entity.AgentStatus;

/**
 * The agent lifecycle of V2 as a transition table. {@code terminated} is final; a suspended or
 * failed agent comes back through {@code active}.
 */
public final class AgentLifecycle {
    private static final Map<AgentStatus, Set<AgentStatus>> NEXT = Map.of(
            AgentStatus.CREATED, EnumSet.of(AgentStatus.ACTIVE, AgentStatus.SUSPENDED, AgentStatus.TERMINATED, AgentStatus.ERROR),
            AgentStatus.ACTIVE, EnumSet.of(AgentStatus.IDLE, AgentStatus.BUSY, AgentStatus.SUSPENDED, AgentStatus.TERMINATED, AgentStatus.ERROR),
            AgentStatus.IDLE, EnumSet.of(AgentStatus.ACTIVE, AgentStatus.BUSY, AgentStatus.SUSPENDED, AgentStatus.TERMINATED, AgentStatus.ERROR),
            AgentStatus.BUSY, EnumSet.of(AgentStatus.ACTIVE, AgentStatus.IDLE, AgentStatus.SUSPENDED, AgentStatus.TERMINATED, AgentStatus.ERROR),
            AgentStatus.SUSPENDED, EnumSet.of(AgentStatus.ACTIVE, AgentStatus.TERMINATED),
            AgentStatus.ERROR, EnumSet.of(AgentStatus.ACTIVE, AgentStatus.SUSPENDED, AgentStatus.TERMINATED),
            AgentStatus.TERMINATED, EnumSet.noneOf(AgentStatus.class));

    private AgentLifecycle() {}

    public static boolean allows(AgentStatus from, AgentStatus to) {
        return NEXT.get(from).contains(to);
    }

    public static Set<AgentStatus> next(AgentStatus from) {
        return NEXT.get(from);
    }
}
