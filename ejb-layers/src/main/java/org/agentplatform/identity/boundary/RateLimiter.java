package org.agentplatform.identity.boundary;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Sliding-window rate limits, exact across the cluster: each caller's recent request times live in
 * the data grid and are updated under the grid's per-key lock, so two instances never both admit
 * the N+1st request of a window.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class RateLimiter {
    private static final String MAP = "gateway-rate-windows";

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    /** The outcome: admitted or not, what remains, and when the oldest request leaves the window. */
    public record Decision(boolean admitted, int limit, int remaining, long resetSeconds) {}

    public Decision admit(String caller, int limit, int windowSeconds) {
        IMap<String, long[]> windows = grid.getMap(MAP);
        long now = System.currentTimeMillis();
        long windowStart = now - windowSeconds * 1000L;
        windows.lock(caller);
        try {
            long[] times = windows.get(caller);
            long[] recent = times == null ? new long[0] : Arrays.stream(times).filter(t -> t > windowStart).toArray();
            long reset = recent.length == 0 ? windowSeconds : Math.max(1, (recent[0] + windowSeconds * 1000L - now + 999) / 1000);
            if (recent.length >= limit) {
                windows.set(caller, recent, windowSeconds, TimeUnit.SECONDS);
                return new Decision(false, limit, 0, reset);
            }
            long[] admitted = Arrays.copyOf(recent, recent.length + 1);
            admitted[recent.length] = now;
            windows.set(caller, admitted, windowSeconds, TimeUnit.SECONDS);
            return new Decision(true, limit, limit - admitted.length, reset);
        } finally {
            windows.unlock(caller);
        }
    }
}
