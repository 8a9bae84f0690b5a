package org.agentplatform.identity.boundary;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Sliding-window rate limits, exact across the cluster. A caller's window is {@value #BUCKETS}
 * buckets of counts in the data grid, updated by compare-and-set on the entry (the partition owner
 * serialises them), so two instances never both admit the N+1st request. Counting is conservative:
 * the window counted is the configured one plus at most one bucket, so no real window of that length
 * ever holds more than N admitted requests. A refused request writes nothing.
 */
@ApplicationScoped // not an EJB: it runs on every request, and needs neither transactions nor roles
public class RateLimiter {
    static final String MAP = "gateway-rate-windows";
    static final int BUCKETS = 50;

    private static final int MAX_REMEMBERED = 10_000;

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    /**
     * The window this instance wrote last, per caller: the expected value of the next compare-and-set,
     * so a caller's next request costs one grid round trip (the write) instead of two (read, write).
     * When another instance wrote in between, the write fails and the window is read again: a stale
     * entry costs a retry, never a wrong count.
     */
    private final Map<String, long[]> lastWritten = new ConcurrentHashMap<>();

    /** The outcome: admitted or not, what remains, and when the oldest counted request leaves the window. */
    public record Decision(boolean admitted, int limit, int remaining, long resetSeconds) {}

    @PostConstruct
    void configure() {
        // Idle windows disappear after a day and an hour (the longest window is a day); same config on every member.
        // The backup is asynchronous: a write answers after the owner applied it, not after a second member
        // acknowledged its copy (half the round trips on the hot path). A member's crash can so lose the last
        // milliseconds of counts, admitting a few requests more once; counts never run high.
        try {
            grid.getConfig().addMapConfig(new MapConfig(MAP).setMaxIdleSeconds(90_000).setBackupCount(0).setAsyncBackupCount(1));
        } catch (RuntimeException e) { // another config of this map exists already (set by a member of another release)
            Logger.getLogger(RateLimiter.class.getName()).warning(() -> "Keeping the existing config of " + MAP + ": " + e);
        }
    }

    public Decision admit(String caller, int limit, int windowSeconds) {
        return admit(caller, limit, windowSeconds, prefetch(caller));
    }

    /**
     * A caller's window as this instance last wrote it, or else a read of it started now (so the read
     * overlaps other lookups of the request).
     */
    public CompletionStage<long[]> prefetch(String caller) {
        long[] known = lastWritten.get(caller);
        return known != null ? CompletableFuture.completedFuture(known) : grid.<String, long[]>getMap(MAP).getAsync(caller);
    }

    /** Admits or refuses with a window read by {@link #prefetch}; re-reads only when another request wrote in between. */
    public Decision admit(String caller, int limit, int windowSeconds, CompletionStage<long[]> prefetched) {
        IMap<String, long[]> windows = grid.getMap(MAP);
        long now = System.currentTimeMillis();
        long bucketMillis = Math.max(1, windowSeconds * 1000L / BUCKETS);
        CompletionStage<long[]> read = prefetched;
        while (true) {
            long[] stored = read == null ? windows.get(caller) : read.toCompletableFuture().join();
            read = null;
            long[] window = Window.advance(stored, now / bucketMillis);
            int count = Window.count(window);
            long reset = Window.resetSeconds(window, bucketMillis, now, windowSeconds);
            if (count >= limit) {
                return new Decision(false, limit, 0, reset);
            }
            long[] next = Window.add(window, now / bucketMillis);
            boolean written = stored == null ? windows.putIfAbsent(caller, next) == null : windows.replace(caller, stored, next);
            if (written) {
                remember(caller, next);
                return new Decision(true, limit, limit - count - 1, reset);
            }
            lastWritten.remove(caller);
        }
    }

    private void remember(String caller, long[] window) {
        if (lastWritten.size() >= MAX_REMEMBERED) {
            lastWritten.clear(); // a simple bound: forgetting costs one extra read per caller
        }
        lastWritten.put(caller, window);
    }

    /** A window as pairs {@code [bucket, count, bucket, count, ...]}, oldest first. Pure functions, unit-tested. */
    static final class Window {
        private Window() {}

        /** The buckets still counted at bucket {@code current}: those no older than {@value #BUCKETS} buckets. */
        static long[] advance(long[] pairs, long current) {
            if (pairs == null) {
                return new long[0];
            }
            int first = 0;
            while (first < pairs.length && pairs[first] < current - BUCKETS) {
                first += 2;
            }
            return Arrays.copyOfRange(pairs, first, pairs.length);
        }

        static int count(long[] pairs) {
            long sum = 0;
            for (int i = 1; i < pairs.length; i += 2) {
                sum += pairs[i];
            }
            return (int) Math.min(Integer.MAX_VALUE, sum);
        }

        static long[] add(long[] pairs, long current) {
            if (pairs.length > 0 && pairs[pairs.length - 2] == current) {
                long[] next = pairs.clone();
                next[next.length - 1]++;
                return next;
            }
            long[] next = Arrays.copyOf(pairs, pairs.length + 2);
            next[pairs.length] = current;
            next[pairs.length + 1] = 1;
            return next;
        }

        /** Seconds until the oldest counted bucket stops counting (the whole window when empty). */
        static long resetSeconds(long[] pairs, long bucketMillis, long now, int windowSeconds) {
            if (pairs.length == 0) {
                return windowSeconds;
            }
            long leaves = (pairs[0] + BUCKETS + 1) * bucketMillis;
            return Math.max(1, (leaves - now + 999) / 1000);
        }
    }
}
