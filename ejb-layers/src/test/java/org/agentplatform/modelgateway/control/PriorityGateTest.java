package org.agentplatform.modelgateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PriorityGateTest {

    @Test
    void aFreedPlaceGoesToTheMostUrgentWaiterFirstComeFirstServedWithinAPriority() throws Exception {
        PriorityGate cut = new PriorityGate(1);
        assertTrue(cut.enter(PriorityGate.Priority.NORMAL, 0));
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(4);
        for (String name : List.of("low-1", "normal-1", "low-2", "high-1")) {
            PriorityGate.Priority p = PriorityGate.Priority.valueOf(name.substring(0, name.indexOf('-')).toUpperCase());
            Thread t = new Thread(() -> {
                try {
                    if (cut.enter(p, 5000)) {
                        order.add(name);
                        cut.leave();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            t.start();
            while (cut.waiting() < order.size() + List.of("low-1", "normal-1", "low-2", "high-1").indexOf(name) + 1) {
                Thread.sleep(5);
            }
        }
        cut.leave();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("high-1", "normal-1", "low-1", "low-2"), order);
        assertEquals(0, cut.running());
    }

    @Test
    void aCallThatCannotStartBeforeItsDeadlineIsRefused() throws Exception {
        PriorityGate cut = new PriorityGate(1);
        assertTrue(cut.enter(PriorityGate.Priority.HIGH, 0));
        long start = System.nanoTime();
        assertFalse(cut.enter(PriorityGate.Priority.HIGH, 100));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(90));
        assertEquals(0, cut.waiting());
        cut.leave();
        assertTrue(cut.enter(PriorityGate.Priority.LOW, 0), "free again");
    }
}
