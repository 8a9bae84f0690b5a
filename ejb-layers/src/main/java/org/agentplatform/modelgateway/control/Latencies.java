package org.agentplatform.modelgateway.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The observed latency per model on this instance, as an exponentially weighted moving average (alpha 0.2). */
public final class Latencies {
    private final Map<String, Double> ewma = new ConcurrentHashMap<>();

    public void record(String model, long millis) {
        ewma.merge(model, (double) millis, (old, now) -> old * 0.8 + now * 0.2);
    }

    /** Unknown models count as 0 ms, so the latency strategy tries them and learns. */
    public double millis(String model) {
        return ewma.getOrDefault(model, 0.0);
    }
}
