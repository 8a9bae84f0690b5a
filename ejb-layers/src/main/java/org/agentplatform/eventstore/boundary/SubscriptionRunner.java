package org.agentplatform.eventstore.boundary;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.agentplatform.eventstore.control.EventHandler;
import org.agentplatform.eventstore.entity.RecordedEvent;

/**
 * Runs the consumer groups on this instance. Partitions are spread over the live instances (the
 * data grid map {@value #WORKERS} holds a heartbeat per instance); a partition is consumed only under
 * a lease in PostgreSQL, renewed every round and lost after {@value #LEASE_SECONDS} s, so when an
 * instance dies its partitions resume elsewhere from their checkpoints. New events wake the loop at
 * once through the data grid topic; a one-second poll is the safety net. Failed deliveries are
 * retried with exponential backoff and parked after the group's maximum attempts.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SubscriptionRunner {
    static final String WORKERS = "eventstore-workers";
    static final int LEASE_SECONDS = 15;
    private static final int BATCH = 500;
    private static final int CHUNK = 100;
    private static final long ROUND_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long SKIP_PERSIST_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long COALESCE_MILLIS = 5;
    private static final Logger LOG = Logger.getLogger(SubscriptionRunner.class.getName());
    private static final String INSTANCE = System.getProperty("com.sun.aas.instanceName", "unknown");

    @Resource
    ManagedThreadFactory threads;

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    @Inject
    @Any
    Instance<EventHandler> handlers;

    @Inject
    SubscriptionDelivery delivery;

    @Inject
    EventStore store;

    private final Semaphore wake = new Semaphore(0);
    /** Partitions this instance holds, with the time (nanoTime) after which the lease must be renewed. */
    private final Map<String, Long> held = new HashMap<>();
    /** The checkpoint each held partition reached, so an idle round costs no query per partition. */
    private final Map<String, Long> checkpoints = new HashMap<>();
    private final Map<String, Long> lastDone = new HashMap<>();
    private volatile boolean running = true;
    private UUID listener;
    private Thread worker;

    @PostConstruct
    void start() {
        handlers.forEach(delivery::register);
        listener = grid.<Long>getTopic(EventStore.APPENDED_TOPIC).addMessageListener(m -> wake.release());
        worker = threads.newThread(this::loop);
        worker.setName("eventstore-subscriptions");
        worker.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        worker.interrupt();
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        grid.getTopic(EventStore.APPENDED_TOPIC).removeMessageListener(listener);
        for (String key : held.keySet()) {
            String[] parts = key.split("#");
            try {
                delivery.release(parts[0], Integer.parseInt(parts[1]), INSTANCE);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not release " + key, e);
            }
        }
        workers().delete(INSTANCE);
    }

    /** Wakes the loop now (used after a replay or a rebuild). */
    public void wakeUp() {
        wake.release();
    }

    private void loop() {
        while (running) {
            try {
                boolean busy = round();
                if (!busy && wake.tryAcquire(1, TimeUnit.SECONDS)) {
                    // Woken by an append: let the appends of the next few milliseconds join this round.
                    Thread.sleep(COALESCE_MILLIS);
                }
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Subscription round failed; retrying in 1 s", e);
                sleep(1000);
            }
        }
    }

    /** One pass over every group's partitions; true when some partition had events. */
    private boolean round() throws InterruptedException {
        IMap<String, Long> workers = workers();
        workers.set(INSTANCE, System.currentTimeMillis(), LEASE_SECONDS, TimeUnit.SECONDS);
        List<String> live = new ArrayList<>(workers.keySet());
        live.sort(null);
        boolean busy = false;
        long horizon = store.lastPosition();
        for (EventHandler handler : handlers) {
            if (!handler.enabled()) {
                if (due(handler.group(), SKIP_PERSIST_NANOS)) {
                    delivery.skipAll(handler.group(), horizon); // switched off: nothing to catch up later
                }
                continue;
            }
            for (int p = 0; p < handler.partitions() && running; p++) {
                String key = handler.group() + "#" + p;
                int spread = Math.floorMod(handler.group().hashCode() + p, Math.max(live.size(), 1));
                boolean mine = live.isEmpty() || INSTANCE.equals(live.get(spread));
                if (!mine) {
                    if (held.remove(key) != null) {
                        delivery.release(handler.group(), p, INSTANCE);
                    }
                    continue;
                }
                Long renewAt = held.get(key);
                if (renewAt == null || System.nanoTime() > renewAt) {
                    // Renewed at a third of its length: a slow round cannot lose it, a dead instance loses it soon.
                    long leased = delivery.lease(handler.group(), p, INSTANCE, LEASE_SECONDS);
                    if (leased < 0) {
                        held.remove(key);
                        checkpoints.remove(key);
                        continue;
                    }
                    held.put(key, System.nanoTime() + TimeUnit.SECONDS.toNanos(LEASE_SECONDS / 3));
                    checkpoints.put(key, leased); // a rebuild may have moved it back
                }
                long checkpoint = checkpoints.get(key);
                long reached = consume(handler, p, checkpoint, horizon);
                if (reached < 0) {
                    held.remove(key); // lease lost
                    checkpoints.remove(key);
                } else {
                    busy |= reached > checkpoint;
                    checkpoints.put(key, reached);
                }
            }
        }
        return busy;
    }

    /** Delivers what is new in a partition; answers the checkpoint reached, -1 when the lease was lost. */
    private long consume(EventHandler handler, int partition, long checkpoint, long horizon) throws InterruptedException {
        if (horizon <= checkpoint) {
            return checkpoint;
        }
        EventFilter filter = new EventFilter(handler.eventTypes(), handler.streamType(), null, null, null);
        List<RecordedEvent> batch = store.readPartition(filter, checkpoint, BATCH, partition, handler.partitions());
        long deadline = System.nanoTime() + ROUND_BUDGET_NANOS;
        long reached = checkpoint;
        for (int from = 0; from < batch.size(); from += CHUNK) {
            List<RecordedEvent> chunk = batch.subList(from, Math.min(from + CHUNK, batch.size()));
            if (!deliver(handler, partition, chunk)) {
                return -1;
            }
            reached = chunk.get(chunk.size() - 1).position();
            if (System.nanoTime() > deadline) {
                return reached;
            }
        }
        if (batch.size() < BATCH && reached < horizon) {
            // Everything up to the horizon that this group takes is handled: the rest is not its business.
            // Kept in memory; written at most once a second (it only shortens the next scan and shows the lag).
            if (due(handler.group() + "#" + partition, SKIP_PERSIST_NANOS)) {
                delivery.skipTo(handler.group(), partition, INSTANCE, horizon);
            }
            reached = horizon;
        }
        return reached;
    }

    /**
     * Delivers a chunk in one transaction (the fast path); when it fails, event by event, so that
     * only the failing event is retried and parked. False when the lease was lost.
     */
    private boolean deliver(EventHandler handler, int partition, List<RecordedEvent> chunk) throws InterruptedException {
        try {
            delivery.deliverAll(handler, partition, INSTANCE, chunk);
            return true;
        } catch (DeliveryFailure failure) {
            if (failure.leaseLost()) {
                return false;
            }
        }
        for (RecordedEvent event : chunk) {
            if (!deliver(handler, partition, event)) {
                return false;
            }
        }
        return true;
    }

    /** Delivers with retries; false when the lease was lost. */
    private boolean deliver(EventHandler handler, int partition, RecordedEvent event) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                delivery.deliver(handler, partition, INSTANCE, event);
                return true;
            } catch (DeliveryFailure failure) {
                if (failure.leaseLost()) {
                    return false;
                }
                if (attempt >= handler.maxAttempts()) {
                    LOG.warning(() -> "Parking position " + event.position() + " for " + handler.group() + " after "
                            + handler.maxAttempts() + " attempts: " + failure.getMessage());
                    delivery.park(handler.group(), partition, INSTANCE, event, handler.maxAttempts(), failure.getMessage());
                    return true;
                }
                Thread.sleep(Math.min(100L << (attempt - 1), 2000L));
            }
        }
    }

    /** True at most once per interval for a key. */
    private boolean due(String key, long intervalNanos) {
        long now = System.nanoTime();
        Long last = lastDone.get(key);
        if (last != null && now - last < intervalNanos) {
            return false;
        }
        lastDone.put(key, now);
        return true;
    }

    private IMap<String, Long> workers() {
        return grid.getMap(WORKERS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
