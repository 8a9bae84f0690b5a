package org.agentplatform.modelgateway.control;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An alias such as {@code planner}: ordered targets and the strategy that picks among them. Versions
 * only grow; a rollback makes an earlier version's targets current under a new version number.
 */
public record AliasSpec(String name, int version, String strategy, List<Target> targets) {

    public static final Set<String> STRATEGIES = Set.of("priority", "weighted", "cheapest", "latency");

    /** A model the alias may route to; the weight counts only for the {@code weighted} strategy. */
    public record Target(String model, int weight) {}

    public AliasSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(strategy);
        targets = List.copyOf(targets);
    }
}
