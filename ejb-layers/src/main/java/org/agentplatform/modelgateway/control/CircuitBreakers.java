package org.agentplatform.modelgateway.control;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per model (a provider endpoint), on this instance. After {@code threshold}
 * consecutive retryable failures the circuit opens for the cooldown (or the provider's Retry-After,
 * whichever is longer), and a Retry-After alone opens it for that long: the gateway skips the model.
 * After the cooldown one call goes through (half-open); its success closes the circuit, its failure
 * opens it again. A circuit opened on another instance is opened here too ({@link #openFor}), so the
 * cluster stops calling a failing provider at once; each instance then tries it again on its own.
 *
 * <p>Per model rather than MicroProfile Fault Tolerance's {@code @CircuitBreaker}, whose state is
 * per annotated method: one method calls every provider, and a failing endpoint must not open the
 * circuit of the others (docs/adr/0007-model-gateway.md).
 */
public final class CircuitBreakers {

    /** The state of one circuit, as the registry shows it. */
    public record State(String state, int consecutiveFailures, String openUntil) {}

    private final int threshold;
    private final long cooldownMillis;
    private final Clock clock;
    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

    public CircuitBreakers(int threshold, long cooldownMillis, Clock clock) {
        this.threshold = threshold;
        this.cooldownMillis = cooldownMillis;
        this.clock = clock;
    }

    private static final class Circuit {
        int failures;
        long openUntil;
        boolean trialRunning;
    }

    /** Whether a call to the model may go now; in half-open state only one call at a time. */
    public boolean allow(String model) {
        Circuit c = circuits.computeIfAbsent(model, k -> new Circuit());
        synchronized (c) {
            if (c.openUntil == 0) {
                return true;
            }
            if (clock.millis() < c.openUntil || c.trialRunning) {
                return false;
            }
            c.trialRunning = true;
            return true;
        }
    }

    public void success(String model) {
        Circuit c = circuits.computeIfAbsent(model, k -> new Circuit());
        synchronized (c) {
            c.failures = 0;
            c.openUntil = 0;
            c.trialRunning = false;
        }
    }

    /** Counts a failure; returns for how many milliseconds it opened the circuit, 0 when it did not. */
    public long failure(String model, long retryAfterSeconds) {
        Circuit c = circuits.computeIfAbsent(model, k -> new Circuit());
        synchronized (c) {
            c.failures++;
            long openFor = 0;
            if (c.trialRunning || c.failures >= threshold) {
                openFor = Math.max(cooldownMillis, retryAfterSeconds * 1000);
            } else if (retryAfterSeconds > 0) {
                openFor = retryAfterSeconds * 1000; // the provider said when to come back
            }
            if (openFor > 0) {
                c.openUntil = clock.millis() + openFor;
            }
            c.trialRunning = false;
            return openFor;
        }
    }

    /** Opens the circuit for {@code millis} from now (another instance opened its own), unless it stays open longer already. */
    public void openFor(String model, long millis) {
        Circuit c = circuits.computeIfAbsent(model, k -> new Circuit());
        synchronized (c) {
            c.openUntil = Math.max(c.openUntil, clock.millis() + millis);
            c.failures = Math.max(c.failures, threshold);
        }
    }

    public State state(String model) {
        Circuit c = circuits.get(model);
        if (c == null) {
            return new State("closed", 0, null);
        }
        synchronized (c) {
            if (c.openUntil == 0) {
                return new State("closed", c.failures, null);
            }
            String s = clock.millis() < c.openUntil ? "open" : "half-open";
            return new State(s, c.failures, Instant.ofEpochMilli(c.openUntil).toString());
        }
    }

    public Map<String, State> states() {
        Map<String, State> all = new TreeMap<>();
        circuits.keySet().forEach(m -> all.put(m, state(m)));
        return all;
    }
}
