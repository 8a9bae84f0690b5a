package org.agentplatform.runtime.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an agent is for; decides which tools and models the planner may give it. */
public enum AgentType {
    REASONING, TOOL, PLANNER, EVALUATOR, SUPERVISOR, ASSISTANT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AgentType> fromWire(String text) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(text)).findFirst();
    }

    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(AgentType::wireName).toList());
    }
}
