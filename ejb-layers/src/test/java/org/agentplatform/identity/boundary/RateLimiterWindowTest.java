package org.agentplatform.identity.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.agentplatform.identity.boundary.RateLimiter.Window;
import org.junit.jupiter.api.Test;

class RateLimiterWindowTest {

    @Test
    void countsRequestsPerBucketAndDropsBucketsOlderThanTheWindow() {
        long[] w = Window.add(Window.add(Window.add(new long[0], 100), 100), 120);
        assertArrayEquals(new long[] {100, 2, 120, 1}, w);
        assertEquals(3, Window.count(w));
        assertEquals(3, Window.count(Window.advance(w, 100 + RateLimiter.BUCKETS)), "a bucket exactly one window old still counts");
        assertArrayEquals(new long[] {120, 1}, Window.advance(w, 101 + RateLimiter.BUCKETS));
        assertEquals(0, Window.count(Window.advance(w, 200 + RateLimiter.BUCKETS)));
        assertEquals(0, Window.count(Window.advance(null, 5)));
    }

    @Test
    void aBatchOfRequestsCountsLikeTheSameRequestsOneByOne() {
        long[] one = new long[0];
        for (int i = 0; i < 7; i++) {
            one = Window.add(one, i < 3 ? 100 : 101);
        }
        long[] batched = Window.add(Window.add(new long[0], 100, 3), 101, 4);
        assertArrayEquals(one, batched);
        assertArrayEquals(new long[] {100, 3, 101, 9}, Window.add(batched, 101, 5));
    }

    @Test
    void resetIsWhenTheOldestCountedBucketStopsCounting() {
        long bucketMillis = 1200; // a 60 s window in 50 buckets
        long[] w = {100, 3};
        long now = 100 * bucketMillis + 500;
        // bucket 100 counts until bucket 151 begins: (151 * 1200 - now) ms = 60.7 s, rounded up
        assertEquals(61, Window.resetSeconds(w, bucketMillis, now, 60));
        assertEquals(60, Window.resetSeconds(new long[0], bucketMillis, now, 60));
    }

    @Test
    void neverAdmitsMoreThanTheLimitInAnyWindowOfItsLength() {
        // Simulate a steady stream of attempts every 7 ms against 25 per 1 s, then check every real 1 s window.
        int limit = 25;
        long bucketMillis = 1000 / RateLimiter.BUCKETS;
        long[] w = new long[0];
        java.util.List<Long> admitted = new java.util.ArrayList<>();
        for (long t = 0; t < 10_000; t += 7) {
            w = Window.advance(w, t / bucketMillis);
            if (Window.count(w) < limit) {
                w = Window.add(w, t / bucketMillis);
                admitted.add(t);
            }
        }
        for (int i = 0; i + limit < admitted.size(); i++) {
            assertEquals(true, admitted.get(i + limit) - admitted.get(i) >= 1000,
                    "requests " + i + " and " + (i + limit) + " fall in one second");
        }
        assertEquals(true, admitted.size() >= 9 * limit, "the limit is used, not starved: " + admitted.size());
    }

    @Test
    void leasesFollowDemandAndStopNearTheLimit() {
        assertEquals(0, RateLimiter.leaseSize(12000, 11000, RateLimiter.MIN_LEASE_DEMAND - 1), "a quiet caller leases nothing");
        assertEquals(100, RateLimiter.leaseSize(12000, 11000, 100), "a busy caller leases its last bucket's demand");
        assertEquals(240, RateLimiter.leaseSize(12000, 11000, 5000), "at most a bucket's share of the limit");
        assertEquals(12, RateLimiter.leaseSize(12000, 100, 5000), "at most an eighth of what remains");
        assertEquals(0, RateLimiter.leaseSize(12000, 7, 5000), "near the limit, request by request");
        assertEquals(0, RateLimiter.leaseSize(15, 15, 40), "a small limit is never leased: exact across instances");
    }
}
