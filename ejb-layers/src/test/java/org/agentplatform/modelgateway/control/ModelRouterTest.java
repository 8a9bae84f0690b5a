package org.agentplatform.modelgateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelRouterTest {
    private final ModelRouter cut = new ModelRouter();

    static ModelSpec model(String id, boolean local, int context, String in, String out, String... caps) {
        return new ModelSpec(id, local ? "local" : "openai", id, "1", null, null, context, Set.of(caps), new BigDecimal(in),
                new BigDecimal(out), local, 1000, true);
    }

    private static final Map<String, ModelSpec> MODELS = Map.of(
            "big", model("big", false, 128000, "5", "15", "chat", "stream"),
            "small", model("small", false, 8000, "0.5", "1.5", "chat"),
            "local", model("local", true, 100000, "0", "0", "chat", "stream"));

    private static AliasSpec alias(String strategy, String... models) {
        return new AliasSpec("a", 1, strategy, java.util.Arrays.stream(models).map(m -> new AliasSpec.Target(m, 1)).toList());
    }

    private static ModelRouter.Needs needs(String capability, int context, boolean confidential) {
        return new ModelRouter.Needs(capability, context, 1000, 500, confidential);
    }

    private static List<String> ids(List<ModelSpec> route) {
        return route.stream().map(ModelSpec::id).toList();
    }

    @Test
    void priorityKeepsTheTargetsOrderAsFailoverOrder() {
        assertEquals(List.of("big", "small", "local"), ids(cut.route(alias("priority", "big", "small", "local"), MODELS,
                needs("chat", 100, false), null, m -> 0)));
    }

    @Test
    void confidentialRequestsOnlyReachLocalModels() {
        assertEquals(List.of("local"), ids(cut.route(alias("priority", "big", "small", "local"), MODELS, needs("chat", 100, true), null, m -> 0)));
    }

    @Test
    void capabilityAndContextWindowFilter() {
        assertEquals(List.of("big", "local"), ids(cut.route(alias("priority", "big", "small", "local"), MODELS,
                needs("stream", 100, false), null, m -> 0)));
        assertEquals(List.of("big"), ids(cut.route(alias("priority", "small", "big", "local"), MODELS,
                needs("chat", 110000, false), null, m -> 0)));
    }

    @Test
    void cheapestAndLatencyOrder() {
        assertEquals(List.of("local", "small", "big"), ids(cut.route(alias("cheapest", "big", "small", "local"), MODELS,
                needs("chat", 100, false), null, m -> 0)));
        Map<String, Double> latency = Map.of("big", 900.0, "small", 50.0, "local", 300.0);
        assertEquals(List.of("small", "local", "big"), ids(cut.route(alias("latency", "big", "small", "local"), MODELS,
                needs("chat", 100, false), null, latency::get)));
    }

    @Test
    void weightedSplitIsStickyPerGoalAndWithinToleranceOfItsWeights() {
        AliasSpec ab = new AliasSpec("ab", 1, "weighted", List.of(new AliasSpec.Target("big", 80), new AliasSpec.Target("small", 20)));
        String first = cut.route(ab, MODELS, needs("chat", 100, false), "goal-42", m -> 0).get(0).id();
        for (int i = 0; i < 20; i++) {
            assertEquals(first, cut.route(ab, MODELS, needs("chat", 100, false), "goal-42", m -> 0).get(0).id());
        }
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10000; i++) {
            List<ModelSpec> route = cut.route(ab, MODELS, needs("chat", 100, false), "goal-" + i, m -> 0);
            counts.merge(route.get(0).id(), 1, Integer::sum);
            assertEquals(2, route.size(), "the other variant stays as fallback");
        }
        assertTrue(Math.abs(counts.get("big") - 8000) < 300, counts.toString());
    }

    @Test
    void maxCostIsTheDearestModelOfTheRoute() {
        List<ModelSpec> route = List.of(MODELS.get("small"), MODELS.get("big"));
        // big: 1000 * 5 / 1e6 + 500 * 15 / 1e6 = 0.0125
        assertEquals(0, new BigDecimal("0.0125").compareTo(ModelRouter.maxCost(route, needs("chat", 100, false))));
    }
}
