package org.agentplatform.modelgateway.control;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToDoubleFunction;
import java.util.zip.CRC32;

/**
 * Orders the models an alias may use for one request. Filters first (enabled, capability, context
 * window, and {@code confidential} only to local models), then orders by the alias's strategy:
 * {@code priority} keeps the targets' order; {@code weighted} picks one target by weight, sticky for
 * a sticky key (the goal), and keeps the others as fallbacks; {@code cheapest} sorts by the
 * estimated cost of this request; {@code latency} by the observed latency (unknown first, so a new
 * model gets measured). The first model is the choice, the rest are the failover order.
 */
public final class ModelRouter {

    /** What the request needs from a model. */
    public record Needs(String capability, int contextTokens, int inputTokens, int outputTokens, boolean confidential) {}

    public List<ModelSpec> route(AliasSpec alias, Map<String, ModelSpec> models, Needs needs, String stickyKey,
            ToDoubleFunction<String> latencyMs) {
        List<AliasSpec.Target> eligible = new ArrayList<>();
        for (AliasSpec.Target t : alias.targets()) {
            ModelSpec m = models.get(t.model());
            if (m != null && fits(m, needs)) {
                eligible.add(t);
            }
        }
        List<ModelSpec> ordered = new ArrayList<>();
        switch (alias.strategy()) {
            case "weighted" -> {
                AliasSpec.Target chosen = pickByWeight(eligible, stickyKey);
                if (chosen != null) {
                    ordered.add(models.get(chosen.model()));
                }
                eligible.stream().filter(t -> t != chosen).forEach(t -> ordered.add(models.get(t.model())));
            }
            case "cheapest" -> eligible.stream().map(t -> models.get(t.model()))
                    .sorted(Comparator.comparing((ModelSpec m) -> m.cost(needs.inputTokens(), needs.outputTokens())))
                    .forEach(ordered::add);
            case "latency" -> eligible.stream().map(t -> models.get(t.model()))
                    .sorted(Comparator.comparingDouble(m -> latencyMs.applyAsDouble(m.id())))
                    .forEach(ordered::add);
            default -> eligible.forEach(t -> ordered.add(models.get(t.model())));
        }
        return List.copyOf(ordered);
    }

    public static boolean fits(ModelSpec m, Needs needs) {
        return m.enabled() && m.supports(needs.capability()) && m.contextWindow() >= needs.contextTokens()
                && (!needs.confidential() || m.local());
    }

    /** The same sticky key always lands on the same target while the weights stay; no key picks at random. */
    static AliasSpec.Target pickByWeight(List<AliasSpec.Target> targets, String stickyKey) {
        int total = targets.stream().mapToInt(t -> Math.max(0, t.weight())).sum();
        if (total == 0) {
            return targets.isEmpty() ? null : targets.get(0);
        }
        long point;
        if (stickyKey == null || stickyKey.isBlank()) {
            point = ThreadLocalRandom.current().nextInt(total);
        } else {
            CRC32 crc = new CRC32();
            crc.update(stickyKey.getBytes(StandardCharsets.UTF_8));
            point = crc.getValue() % total;
        }
        for (AliasSpec.Target t : targets) {
            point -= Math.max(0, t.weight());
            if (point < 0) {
                return t;
            }
        }
        return targets.get(targets.size() - 1);
    }

    /** The highest cost any of the models could charge for this request: what a budget reserves. */
    public static BigDecimal maxCost(List<ModelSpec> route, Needs needs) {
        return route.stream().map(m -> m.cost(needs.inputTokens(), needs.outputTokens())).max(Comparator.naturalOrder())
                .orElse(BigDecimal.ZERO);
    }
}
