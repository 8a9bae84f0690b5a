package org.agentplatform.modelgateway.control;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Admission to model calls on one instance: at most {@code permits} calls run at once; the others
 * wait in a priority queue, high before normal before low, first come first served within a
 * priority, and each only until its deadline. A flood of low-priority calls therefore delays, but
 * never starves, interactive ones: a freed place always goes to the most urgent waiter.
 */
public final class PriorityGate {

    /** How urgent a call is: interactive ({@code high}), default ({@code normal}), batch ({@code low}). */
    public enum Priority { HIGH, NORMAL, LOW }

    private static final class Waiter {
        final Priority priority;
        final long order;
        final Condition turn;
        boolean admitted;

        Waiter(Priority priority, long order, Condition turn) {
            this.priority = priority;
            this.order = order;
            this.turn = turn;
        }
    }

    private final int permits;
    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(
            Comparator.comparing((Waiter w) -> w.priority).thenComparingLong(w -> w.order));
    private int running;
    private long arrivals;

    public PriorityGate(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1");
        }
        this.permits = permits;
    }

    /** Waits for a place until {@code maxWaitMillis}; true when admitted (then {@link #leave()} once), false when the deadline passed. */
    public boolean enter(Priority priority, long maxWaitMillis) throws InterruptedException {
        lock.lock();
        try {
            if (running < permits && waiting.isEmpty()) {
                running++;
                return true;
            }
            Waiter me = new Waiter(priority, arrivals++, lock.newCondition());
            waiting.add(me);
            long left = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
            try {
                while (!me.admitted) {
                    if (left <= 0) {
                        waiting.remove(me);
                        return false;
                    }
                    left = me.turn.awaitNanos(left);
                }
                return true;
            } catch (InterruptedException e) {
                if (me.admitted) {
                    leave(); // the place was handed over meanwhile: pass it on
                } else {
                    waiting.remove(me);
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Frees a place: it goes straight to the most urgent waiter, if any. */
    public void leave() {
        lock.lock();
        try {
            Waiter next = waiting.poll();
            if (next == null) {
                running--;
            } else {
                next.admitted = true;
                next.turn.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    public int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    public int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }
}
