package org.agentplatform.modelgateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.agentplatform.testing.TestClock;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    @Test
    void opensAfterConsecutiveFailuresLetsOneTrialThroughAfterTheCooldownAndClosesOnSuccess() {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        CircuitBreakers cut = new CircuitBreakers(3, 10_000, clock);
        assertEquals(0, cut.failure("m", 0));
        assertEquals(0, cut.failure("m", 0));
        assertTrue(cut.allow("m"));
        assertEquals(10_000, cut.failure("m", 0), "the third failure opens it for the cooldown");
        assertFalse(cut.allow("m"));
        assertEquals("open", cut.state("m").state());
        assertTrue(cut.allow("other"), "one model's failures do not open another's circuit");

        clock.now = clock.now.plus(Duration.ofSeconds(11));
        assertTrue(cut.allow("m"), "half-open: one trial");
        assertFalse(cut.allow("m"), "only one trial at a time");
        cut.success("m");
        assertEquals("closed", cut.state("m").state());
        assertTrue(cut.allow("m"));
    }

    @Test
    void retryAfterOpensAtOnceForAtLeastThatLong() {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        CircuitBreakers cut = new CircuitBreakers(3, 1_000, clock);
        assertEquals(20_000, cut.failure("m", 20));
        assertFalse(cut.allow("m"));
        clock.now = clock.now.plus(Duration.ofSeconds(5));
        assertFalse(cut.allow("m"));
        clock.now = clock.now.plus(Duration.ofSeconds(16));
        assertTrue(cut.allow("m"));
    }

    @Test
    void aCircuitOpenedElsewhereOpensHereForAsLongThenTriesAgainOnItsOwn() {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        CircuitBreakers cut = new CircuitBreakers(3, 10_000, clock);
        cut.openFor("m", 30_000);
        assertFalse(cut.allow("m"));
        assertEquals("open", cut.state("m").state());
        cut.openFor("m", 1_000);
        clock.now = clock.now.plus(Duration.ofSeconds(20));
        assertFalse(cut.allow("m"), "a shorter opening does not shorten a longer one");
        clock.now = clock.now.plus(Duration.ofSeconds(11));
        assertTrue(cut.allow("m"), "half-open: one trial on this instance");
        assertFalse(cut.allow("m"));
        assertEquals(10_000, cut.failure("m", 0), "a failed trial opens it again");
    }
}
