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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    private static final int BATCH = 200;
    private static final long ROUND_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(5);
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
    private final Set<String> held = new HashSet<>();
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
        for (String key : held) {
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
                if (!busy) {
                    wake.tryAcquire(1, TimeUnit.SECONDS);
                    wake.drainPermits();
                }
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
        for (EventHandler handler : handlers) {
            if (!handler.enabled()) {
                continue;
            }
            for (int p = 0; p < handler.partitions() && running; p++) {
                String key = handler.group() + "#" + p;
                int spread = Math.floorMod(handler.group().hashCode() + p, Math.max(live.size(), 1));
                boolean mine = live.isEmpty() || INSTANCE.equals(live.get(spread));
                if (!mine) {
                    if (held.remove(key)) {
                        delivery.release(handler.group(), p, INSTANCE);
                    }
                    continue;
                }
                long checkpoint = delivery.lease(handler.group(), p, INSTANCE, LEASE_SECONDS);
                if (checkpoint < 0) {
                    held.remove(key);
                    continue;
                }
                held.add(key);
                busy |= consume(handler, p, checkpoint);
            }
        }
        return busy;
    }

    private boolean consume(EventHandler handler, int partition, long checkpoint) throws InterruptedException {
        long horizon = store.lastPosition();
        if (horizon <= checkpoint) {
            return false;
        }
        EventFilter filter = new EventFilter(handler.eventTypes(), handler.streamType(), null, null, null);
        List<RecordedEvent> batch = store.readPartition(filter, checkpoint, BATCH, partition, handler.partitions());
        long deadline = System.nanoTime() + ROUND_BUDGET_NANOS;
        for (RecordedEvent event : batch) {
            if (!deliver(handler, partition, event) || System.nanoTime() > deadline) {
                return true;
            }
        }
        if (batch.size() < BATCH) {
            // Everything up to the horizon that this group takes is handled: the rest is not its business.
            delivery.skipTo(handler.group(), partition, INSTANCE, horizon);
        }
        return !batch.isEmpty();
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
