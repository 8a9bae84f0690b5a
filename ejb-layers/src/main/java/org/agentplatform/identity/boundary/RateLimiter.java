package org.agentplatform.identity.boundary;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.agentplatform.identity.control.GridMaps;

/**
 * Sliding-window rate limits, exact across the cluster. A caller's window is {@value #BUCKETS}
 * buckets of counts in the data grid, updated by compare-and-set on the entry (the partition owner
 * serialises them), so two instances never both admit the N+1st request. Counting is conservative:
 * the window counted is the configured one plus at most one bucket, so no real window of that length
 * ever holds more than N admitted requests. A refused request writes nothing. A busy caller's
 * instance leases a bucket's worth of permits with a write and admits from them locally while that
 * bucket lasts ({@link #leaseSize}), still never more than N in any window.
 */
@ApplicationScoped // not an EJB: it runs on every request, and needs neither transactions nor roles
public class RateLimiter {
    static final String MAP = "gateway-rate-windows";
    static final int BUCKETS = 50;

    private static final int MAX_REMEMBERED = 10_000;
    static final int MIN_LEASE_DEMAND = 4;

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    /**
     * The window this instance wrote last, per caller: the expected value of the next compare-and-set,
     * so a caller's next request costs one grid round trip (the write) instead of two (read, write).
     * When another instance wrote in between, the write fails and the window is read again: a stale
     * entry costs a retry, never a wrong count.
     */
    private final Map<String, long[]> lastWritten = new ConcurrentHashMap<>();
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private IMap<String, long[]> windows;

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
        windows = GridMaps.withoutTenant(grid, MAP);
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
        return known != null ? CompletableFuture.completedFuture(known) : windows.getAsync(caller);
    }

    /**
     * Admits or refuses with a window read by {@link #prefetch}; re-reads only when another request wrote in between.
     * A request finding a lease of this bucket with permits left is admitted from it, without the grid.
     *
     * <p>Concurrent requests of one caller on this instance are decided together: they queue in the caller's
     * lane, and whoever gets the lane decides everything queued with one compare-and-set (a group commit).
     * Racing one compare-and-set per request on one grid entry made 50 concurrent calls of one user fail and
     * retry each other into seconds-long tails; taking turns one by one made them wait a round trip each.
     */
    public Decision admit(String caller, int limit, int windowSeconds, CompletionStage<long[]> prefetched) {
        Lane lane = lanes.computeIfAbsent(caller, k -> new Lane());
        long bucket = System.currentTimeMillis() / bucketMillis(windowSeconds);
        lane.count(bucket);
        Lease lease = lane.lease;
        if (lease != null && lease.bucket() == bucket && lease.limit() == limit && lease.windowSeconds() == windowSeconds) {
            int left = lease.left().decrementAndGet();
            if (left >= 0) {
                return new Decision(true, limit, lease.remaining() + left, lease.reset());
            }
        }
        Pending me = new Pending(limit, windowSeconds, new CompletableFuture<>());
        lane.queue.add(me);
        CompletionStage<long[]> read = prefetched;
        // Whoever holds the lane decides; a request that finds it held waits for its own decision. The holder
        // looks at the queue again after letting go, so a request queued meanwhile is never left waiting.
        do {
            if (!lane.lock.tryLock()) {
                break;
            }
            try {
                decideQueued(caller, lane, read);
                read = null;
            } finally {
                lane.lock.unlock();
            }
        } while (!lane.queue.isEmpty());
        if (lanes.size() > MAX_REMEMBERED) {
            lanes.clear(); // a simple bound; a lane in use keeps working for its holders
        }
        return me.decision().join();
    }

    /**
     * One caller on this instance: its requests waiting for a decision, its lease, and how many requests
     * it made in the current and the previous bucket (its demand).
     */
    private static final class Lane {
        final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
        final ReentrantLock lock = new ReentrantLock();
        volatile Lease lease;
        private long bucket = -1;
        private int current;
        private int previous;

        synchronized void count(long now) {
            if (now != bucket) {
                previous = now == bucket + 1 ? current : 0;
                current = 0;
                bucket = now;
            }
            current++;
        }

        synchronized int previousDemand() {
            return previous;
        }
    }

    /**
     * Permits this instance took from the caller's grid window ahead of use, counted there in bucket
     * {@code bucket} and usable only while that bucket lasts. Used ones then fall within a bucket of
     * where they are counted, which the window's extra bucket covers, so no real window ever holds more
     * than the limit; unused ones lapse (counted, never used: the error is on the safe side).
     */
    private record Lease(long bucket, int limit, int windowSeconds, AtomicInteger left, int remaining, long reset) {}

    /**
     * How many permits to lease with a write: as many as the caller asked of this instance in the last
     * bucket (a busy caller then needs a grid round trip about once a bucket instead of once a request),
     * but at most a {@value #BUCKETS}th of the limit and an eighth of what remains, and none for a caller
     * making fewer than {@value #MIN_LEASE_DEMAND} requests a bucket. Near its limit, a caller is so
     * decided request by request, exactly across instances.
     */
    static int leaseSize(int limit, int remaining, int demand) {
        if (demand < MIN_LEASE_DEMAND) {
            return 0;
        }
        return Math.max(0, Math.min(demand, Math.min(limit / BUCKETS, remaining / 8)));
    }

    static long bucketMillis(int windowSeconds) {
        return Math.max(1, windowSeconds * 1000L / BUCKETS);
    }

    private record Pending(int limit, int windowSeconds, CompletableFuture<Decision> decision) {}

    /** Decides every queued request, in arrival order, a batch of equal limits per compare-and-set. */
    private void decideQueued(String caller, Lane lane, CompletionStage<long[]> prefetched) {
        CompletionStage<long[]> read = prefetched;
        List<Pending> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            Pending first = lane.queue.poll();
            if (first == null) {
                return;
            }
            batch.add(first);
            Pending next;
            while ((next = lane.queue.peek()) != null && next.limit() == first.limit() && next.windowSeconds() == first.windowSeconds()) {
                batch.add(lane.queue.poll());
            }
            try {
                decide(caller, lane, batch, read);
            } catch (RuntimeException e) { // the grid failed: every request of the batch gets the error, none waits forever
                batch.forEach(p -> p.decision().completeExceptionally(e));
            }
            read = null;
        }
    }

    private void decide(String caller, Lane lane, List<Pending> batch, CompletionStage<long[]> prefetched) {
        int limit = batch.get(0).limit();
        int windowSeconds = batch.get(0).windowSeconds();
        long now = System.currentTimeMillis();
        long bucketMillis = bucketMillis(windowSeconds);
        CompletionStage<long[]> read = prefetched;
        while (true) {
            // This instance's last write is fresher than a prefetch made before this lane's turn.
            long[] known = lastWritten.get(caller);
            long[] stored = known != null ? known : read != null ? read.toCompletableFuture().join() : windows.get(caller);
            read = null;
            long[] window = Window.advance(stored, now / bucketMillis);
            int count = Window.count(window);
            long reset = Window.resetSeconds(window, bucketMillis, now, windowSeconds);
            int admitted = Math.max(0, Math.min(batch.size(), limit - count));
            if (admitted == 0) {
                batch.forEach(p -> p.decision().complete(new Decision(false, limit, 0, reset)));
                return;
            }
            int lease = leaseSize(limit, limit - count - admitted, lane.previousDemand());
            long[] next = Window.add(window, now / bucketMillis, admitted + lease);
            boolean written = stored == null ? windows.putIfAbsent(caller, next) == null : windows.replace(caller, stored, next);
            if (written) {
                remember(caller, next);
                if (lease > 0) {
                    lane.lease = new Lease(now / bucketMillis, limit, windowSeconds, new AtomicInteger(lease), limit - count - admitted - lease, reset);
                }
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).decision().complete(i < admitted ? new Decision(true, limit, limit - count - i - 1, reset)
                            : new Decision(false, limit, 0, reset));
                }
                return;
            }
            lastWritten.remove(caller); // another instance wrote: read the window again
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
            return add(pairs, current, 1);
        }

        /** {@code n} more requests in bucket {@code current}. */
        static long[] add(long[] pairs, long current, int n) {
            if (pairs.length > 0 && pairs[pairs.length - 2] == current) {
                long[] next = pairs.clone();
                next[next.length - 1] += n;
                return next;
            }
            long[] next = Arrays.copyOf(pairs, pairs.length + 2);
            next[pairs.length] = current;
            next[pairs.length + 1] = n;
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
