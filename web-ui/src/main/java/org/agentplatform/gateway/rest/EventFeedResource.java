package org.agentplatform.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.agentplatform.eventstore.boundary.EventFilter;
import org.agentplatform.eventstore.boundary.EventStore;
import org.agentplatform.eventstore.boundary.EventView;
import org.agentplatform.eventstore.entity.EventType;
import org.agentplatform.gateway.security.RequestIds;
import org.agentplatform.gateway.security.Roles;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Live events as Server-Sent Events: {@code GET /events/stream?types=A,B&streamType=&streamId=}.
 *
 * <p>Guarantees: events arrive in position order, each once per connection, as {@code id:
 * <position>}, {@code event: <type>}, {@code data: <the event as GET /events shows it>}. A feed starts
 * after the position in {@code Last-Event-ID} (what a reconnecting EventSource sends) or {@code
 * ?after=}, else at the current end (only new events). Control messages are a comment with an id
 * and no data ({@code : connected} first, with {@code retry: 3000}; {@code : heartbeat} after 15 s
 * of silence; {@code : reconnect} when the connection reaches its 30 min lifetime): browsers dispatch
 * nothing for them but take the id, the position the feed has read up to, so resuming from the last
 * id seen never skips an event, even when the filter matched nothing for a while.
 *
 * <p>Each connection is one task on the managed executor: it reads from the event store, then
 * waits for a wake-up from the data grid topic {@value EventStore#APPENDED_TOPIC} or at most 1 s
 * (polling is the safety net for lost wake-ups). It ends when the client goes away, and its topic
 * listener is removed then. Application-scoped: it counts the open feeds of this instance and
 * refuses more than {@code gateway.event-feed-max-connections} (503).
 */
@Path("events/stream")
@Produces(MediaType.SERVER_SENT_EVENTS)
@Roles({"admin", "operator", "developer", "auditor"})
@ApplicationScoped
public class EventFeedResource {
    static final int BATCH = 500;
    /** What a client waits before reconnecting after the connection ends (the SSE {@code retry} field). */
    static final long RECONNECT_MILLIS = 3000;
    private static final Logger LOG = Logger.getLogger(EventFeedResource.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EventStore store;

    @Resource
    ManagedExecutorService executor;

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    @Inject
    @ConfigProperty(name = "gateway.event-feed-max-connections", defaultValue = "100")
    int maxConnections;

    private final Set<Feed> open = ConcurrentHashMap.newKeySet();

    @GET
    public void stream(@QueryParam("types") String types, @QueryParam("streamType") String streamType,
            @QueryParam("streamId") String streamId, @QueryParam("after") String after,
            @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId, @Context SseEventSink sink,
            @Context Sse sse, @Context SecurityContext caller, @Context HttpServletResponse response) {
        EventFilter filter = filter(types, streamType, streamId);
        Long resume = resumeAfter(lastEventId, after);
        if (open.size() >= maxConnections) {
            throw new PlatformException(ErrorCode.UNAVAILABLE, "This instance serves " + maxConnections
                    + " live feeds already: retry shortly.");
        }
        long head = store.lastPosition();
        // An id beyond the end can only come from another store (e.g. a reset one): start at the end.
        long start = resume == null ? head : Math.min(resume, head);
        response.setHeader("Cache-Control", "no-store");

        Wakeup wakeup = new Wakeup();
        Feed feed = new Feed(new StoreSource(store, filter), new SseChannel(sink, sse), wakeup::await, System::nanoTime,
                start, Feed.Timing.DEFAULT);
        String label = "requestId=" + RequestIds.current() + " user="
                + (caller.getUserPrincipal() == null ? "-" : caller.getUserPrincipal().getName());
        UUID listener = listen(wakeup, label);
        open.add(feed);
        try {
            executor.execute(() -> run(feed, listener, sink, label));
        } catch (RejectedExecutionException e) {
            end(feed, listener, sink);
            throw new PlatformException(ErrorCode.UNAVAILABLE, "No thread is free for a live feed: retry shortly.");
        }
        LOG.fine(() -> "Event feed opened " + label + " after=" + start + " filter=" + filter);
    }

    private void run(Feed feed, UUID listener, SseEventSink sink, String label) {
        long started = System.nanoTime();
        Feed.Ending ending = Feed.Ending.FAILED;
        try {
            ending = feed.run();
        } catch (RuntimeException e) {
            // The client reconnects with Last-Event-ID and resumes where this one stopped.
            LOG.log(Level.WARNING, "Event feed failed " + label, e);
        } finally {
            end(feed, listener, sink);
        }
        Feed.Ending why = ending;
        LOG.info(() -> "Event feed closed " + label + " reason=" + why + " events=" + feed.sent() + " position="
                + feed.position() + " durationS=" + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    /** Subscribes the feed's wake-up to appends; null when the data grid is not there (then polling only). */
    private UUID listen(Wakeup wakeup, String label) {
        try {
            ITopic<Long> topic = grid.getTopic(EventStore.APPENDED_TOPIC);
            return topic.addMessageListener(message -> wakeup.signal());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Event feed without wake-ups, polling only " + label, e);
            return null;
        }
    }

    private void end(Feed feed, UUID listener, SseEventSink sink) {
        open.remove(feed);
        if (listener != null) {
            try {
                grid.<Long>getTopic(EventStore.APPENDED_TOPIC).removeMessageListener(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Removing a feed's topic listener failed", e);
            }
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Closing a feed's sink failed", e);
        }
    }

    /** At undeploy or shutdown: ends every feed (clients reconnect to a running instance). */
    @PreDestroy
    void stopAll() {
        open.forEach(Feed::stop);
    }

    /** The filter of the query; unknown event or stream types are refused (E9005), not silently empty. */
    static EventFilter filter(String types, String streamType, String streamId) {
        List<String> typeList = types == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(Arrays.stream(types.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList()));
        List<String> unknown = typeList.stream().filter(t -> EventType.fromWire(t).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new PlatformException(ErrorCode.BAD_QUERY, "types lists event types separated by commas; unknown: " + unknown + ".",
                    Map.of("knownTypes", Arrays.stream(EventType.values()).map(EventType::wireName).toList()));
        }
        String type = blankToNull(streamType);
        List<String> streamTypes = Arrays.stream(EventType.values()).map(EventType::streamType).distinct().toList();
        if (type != null && !streamTypes.contains(type)) {
            throw new PlatformException(ErrorCode.BAD_QUERY, "streamType is one of " + streamTypes + ".");
        }
        String id = blankToNull(streamId);
        if (id != null && id.length() > 200) {
            throw new PlatformException(ErrorCode.BAD_QUERY, "streamId is at most 200 characters.");
        }
        return new EventFilter(typeList, type, id, null, null);
    }

    /**
     * Where a feed resumes: after the {@code Last-Event-ID} (a reconnect) before {@code ?after=};
     * null when neither is given (start at the end).
     */
    static Long resumeAfter(String lastEventId, String after) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            return position(lastEventId, "Last-Event-ID is the id of an event this feed sent (a position).");
        }
        if (after != null && !after.isBlank()) {
            return position(after, "after is a position (the id of an event), 0 for the first event.");
        }
        return null;
    }

    private static long position(String text, String message) {
        String digits = text.strip();
        if (!digits.isEmpty() && digits.length() <= 18 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.parseLong(digits);
        }
        throw new PlatformException(ErrorCode.BAD_QUERY, message);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Reads the event store for one feed's filter. */
    private record StoreSource(EventStore store, EventFilter filter) implements Feed.Source {
        @Override
        public long head() {
            return store.lastPosition();
        }

        @Override
        public List<EventView> after(long position, int limit) {
            return store.readAll(filter, position, limit).stream().map(EventView::of).toList();
        }
    }

    /** Writes to one client; a failed or stuck write means the client has gone. */
    private record SseChannel(SseEventSink sink, Sse sse) implements Feed.Channel {
        private static final long WRITE_TIMEOUT_SECONDS = 30;

        @Override
        public boolean event(EventView event) {
            String data;
            try {
                data = JSON.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Event " + event.position() + " cannot be written as JSON", e);
            }
            return send(sse.newEventBuilder().id(Long.toString(event.position())).name(event.type())
                    .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, data).build());
        }

        @Override
        public boolean comment(String text, long position, boolean first) {
            // Jersey writes id and retry only for an event with data; empty data writes no data line, so
            // the message is ": text", "id: n" and a blank line, which browsers do not dispatch (HTML SSE).
            OutboundSseEvent.Builder builder = sse.newEventBuilder().comment(text).id(Long.toString(position))
                    .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, "");
            if (first) {
                builder.reconnectDelay(RECONNECT_MILLIS);
            }
            return send(builder.build());
        }

        @Override
        public boolean isOpen() {
            return !sink.isClosed();
        }

        private boolean send(OutboundSseEvent event) {
            if (sink.isClosed()) {
                return false;
            }
            try {
                sink.send(event).toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException | TimeoutException | IllegalStateException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Appends wake a waiting feed early; signals that arrive while it reads are kept for its next wait. */
    static final class Wakeup {
        private final Semaphore signals = new Semaphore(0);

        void signal() {
            signals.release();
        }

        void await(long millis) throws InterruptedException {
            if (signals.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                signals.drainPermits(); // one read catches up with every append signalled so far
            }
        }
    }

    /**
     * One connection's loop, plain so that a test drives it with fakes: read what is new, send it,
     * wait for a wake-up or the poll interval, send a heartbeat after a silence, end at the lifetime.
     * Not thread-safe but {@link #stop()}: one thread runs it.
     */
    static final class Feed {

        /** Where a feed reads. */
        interface Source {
            /** The last position appended so far. */
            long head();

            /** Matching events after a position, in position order, at most limit. */
            List<EventView> after(long position, int limit);
        }

        /** Where a feed writes; false when the client has gone. */
        interface Channel {
            boolean event(EventView event);

            /** A comment that also moves the client's resume point ({@code id}) to a position. */
            boolean comment(String text, long position, boolean first);

            boolean isOpen();
        }

        /** Waits up to some milliseconds, less when woken. */
        interface Waiter {
            void await(long millis) throws InterruptedException;
        }

        record Timing(Duration poll, Duration heartbeat, Duration lifetime) {
            static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofMinutes(30));
        }

        enum Ending { CLIENT_GONE, LIFETIME, STOPPED, FAILED }

        private final Source source;
        private final Channel channel;
        private final Waiter waiter;
        private final LongSupplier nanoTime;
        private final Timing timing;
        private volatile boolean stopped;
        private long position;
        private long sent;

        Feed(Source source, Channel channel, Waiter waiter, LongSupplier nanoTime, long startAfter, Timing timing) {
            this.source = source;
            this.channel = channel;
            this.waiter = waiter;
            this.nanoTime = nanoTime;
            this.position = startAfter;
            this.timing = timing;
        }

        /** Runs until the client goes away, the lifetime ends or {@link #stop()}; a read failure is thrown. */
        Ending run() {
            long start = nanoTime.getAsLong();
            long lifetime = timing.lifetime().toNanos();
            long heartbeat = timing.heartbeat().toNanos();
            if (!channel.comment("connected", position, true)) {
                return Ending.CLIENT_GONE;
            }
            long lastWrite = start;
            while (true) {
                long now = nanoTime.getAsLong();
                if (stopped || now - start >= lifetime) {
                    channel.comment("reconnect", position, false);
                    return stopped ? Ending.STOPPED : Ending.LIFETIME;
                }
                if (!channel.isOpen()) {
                    return Ending.CLIENT_GONE;
                }
                long head = source.head();
                if (head > position) {
                    List<EventView> events = source.after(position, BATCH);
                    for (EventView event : events) {
                        if (!channel.event(event)) {
                            return Ending.CLIENT_GONE;
                        }
                        position = event.position();
                        sent++;
                        lastWrite = nanoTime.getAsLong();
                    }
                    if (events.size() == BATCH) {
                        continue; // catching up: read on without waiting
                    }
                    // Every event up to head was committed before the read, so none that matches was missed.
                    position = Math.max(position, head);
                }
                now = nanoTime.getAsLong();
                if (now - lastWrite >= heartbeat) {
                    if (!channel.comment("heartbeat", position, false)) {
                        return Ending.CLIENT_GONE;
                    }
                    lastWrite = now;
                }
                long wait = Math.min(timing.poll().toNanos(), Math.min(heartbeat - (now - lastWrite), lifetime - (now - start)));
                try {
                    waiter.await(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Ending.STOPPED;
                }
            }
        }

        /** Asks the loop to end after its current wait (at most the poll interval). */
        void stop() {
            stopped = true;
        }

        /** The position read up to: where a client resumes. */
        long position() {
            return position;
        }

        long sent() {
            return sent;
        }
    }
}
