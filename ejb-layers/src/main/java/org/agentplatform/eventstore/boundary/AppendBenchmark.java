package org.agentplatform.eventstore.boundary;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.agentplatform.eventstore.entity.EventMetadata;
import org.agentplatform.eventstore.entity.EventType;
import org.agentplatform.eventstore.entity.EventType.StreamType;
import org.agentplatform.eventstore.entity.ExpectedVersion;
import org.agentplatform.eventstore.entity.NewEvent;
import org.agentplatform.kernel.CorrelationId;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;

/**
 * Measures appends through the {@link EventStore} boundary inside the server (no HTTP in the loop),
 * for {@code ./platform bench eventstore}. It appends real ConfigurationSet events to fresh
 * {@code configuration/bench-*} streams, each append in its own transaction, as a caller would.
 * Run on purpose only: admin role, bounded size.
 */
@Stateless
@RolesAllowed("admin")
public class AppendBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EventStore store;

    @Resource
    ManagedExecutorService executor;

    /** The figures of one run. */
    public record Result(int batchSize, int concurrency, long events, double seconds, double eventsPerSecond) {}

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Result run(int batchSize, int totalEvents, int concurrency) throws Exception {
        if (batchSize < 1 || batchSize > 1000 || totalEvents < batchSize || totalEvents > 200_000 || concurrency < 1 || concurrency > 16) {
            throw new PlatformException(ErrorCode.REQUEST_INVALID,
                    "batchSize 1-1000, events batchSize-200000, concurrency 1-16.");
        }
        String correlation = CorrelationId.current();
        AtomicLong remaining = new AtomicLong(totalEvents / batchSize);
        long start = System.nanoTime();
        List<Future<Long>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(executor.submit(() -> {
                String stream = "bench-" + UUID.randomUUID();
                long appended = 0;
                while (remaining.getAndDecrement() > 0) {
                    List<NewEvent> batch = new ArrayList<>(batchSize);
                    for (int i = 0; i < batchSize; i++) {
                        batch.add(NewEvent.of(EventType.CONFIGURATION_SET, JSON.createObjectNode()
                                .put("key", "bench.value").put("value", Long.toString(appended + i)).put("scope", "platform")));
                    }
                    store.append(StreamType.CONFIGURATION, stream, ExpectedVersion.ANY, batch, new EventMetadata("system:benchmark", correlation, null, null));
                    appended += batchSize;
                }
                return appended;
            }));
        }
        long events = 0;
        for (Future<Long> f : workers) {
            events += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(batchSize, concurrency, events, seconds, events / seconds);
    }
}
