package org.agentplatform.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.agentplatform.eventstore.boundary.EventView;
import org.agentplatform.gateway.rest.EventFeedResource.Feed;
import org.agentplatform.gateway.rest.EventFeedResource.Feed.Ending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loop of one live feed, driven with a fake store, client and clock (no waiting in real time). */
class EventFeedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Feed.Timing SHORT = new Feed.Timing(Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofMinutes(2));

    private final Store store = new Store();
    private final Client client = new Client();
    private final List<Long> waits = new ArrayList<>();
    private long nanos;
    /** Runs at each wait with the number of waits so far: appends, disconnects or stops. */
    private WaitHook onWait = n -> {};
    private Feed cut;

    interface WaitHook {
        void run(int waitsSoFar);
    }

    /** Events by position; the filter keeps those whose position it accepts. */
    static final class Store implements Feed.Source {
        final TreeMap<Long, EventView> events = new TreeMap<>();
        LongPredicate matches = p -> true;
        int reads;

        void append(int count) {
            long next = events.isEmpty() ? 1 : events.lastKey() + 1;
            for (int i = 0; i < count; i++, next++) {
                events.put(next, event(next));
            }
        }

        @Override
        public long head() {
            return events.isEmpty() ? 0 : events.lastKey();
        }

        @Override
        public List<EventView> after(long position, int limit) {
            reads++;
            return events.tailMap(position, false).values().stream().filter(e -> matches.test(e.position())).limit(limit).toList();
        }
    }

    /** What the client received, one line per message: "event 3 AgentCreated" or "comment heartbeat id=7". */
    static class Client implements Feed.Channel {
        final List<String> received = new ArrayList<>();
        boolean gone;
        boolean reconnectDelaySent;

        @Override
        public boolean event(EventView event) {
            return receive("event " + event.position() + " " + event.type());
        }

        @Override
        public boolean comment(String text, long position, boolean first) {
            reconnectDelaySent |= first;
            return receive("comment " + text + " id=" + position);
        }

        @Override
        public boolean isOpen() {
            return !gone;
        }

        private boolean receive(String line) {
            if (gone) {
                return false;
            }
            received.add(line);
            return true;
        }

        List<String> events() {
            return received.stream().filter(l -> l.startsWith("event ")).toList();
        }

        List<String> comments() {
            return received.stream().filter(l -> l.startsWith("comment ")).toList();
        }
    }

    static EventView event(long position) {
        return new EventView(position, "agent", "a" + position, 1, "00000000-0000-0000-0000-" + String.format("%012d", position),
                "AgentCreated", 1, JSON.createObjectNode().put("name", "n" + position), JSON.createObjectNode(), "2026-11-25T10:00:00Z");
    }

    @BeforeEach
    void feedAfterNothing() {
        cut = feed(0, SHORT);
    }

    private Feed feed(long startAfter, Feed.Timing timing) {
        return new Feed(store, client, millis -> {
            waits.add(millis);
            nanos += TimeUnit.MILLISECONDS.toNanos(millis);
            onWait.run(waits.size());
        }, () -> nanos, startAfter, timing);
    }

    @Test
    void firstMessageIsACommentWithTheStartPositionAndTheReconnectDelay() {
        store.append(5);
        cut = feed(5, SHORT);
        onWait = n -> client.gone = true;

        cut.run();

        assertEquals("comment connected id=5", client.received.get(0));
        assertTrue(client.reconnectDelaySent);
    }

    @Test
    void sendsTheEventsAfterTheStartPositionInOrder() {
        store.append(5);
        cut = feed(2, SHORT);
        onWait = n -> client.gone = true;

        cut.run();

        assertEquals(List.of("event 3 AgentCreated", "event 4 AgentCreated", "event 5 AgentCreated"), client.events());
        assertEquals(5, cut.position());
        assertEquals(3, cut.sent());
    }

    @Test
    void eventsAppendedWhileWaitingArriveAfterTheWait() {
        onWait = n -> {
            if (n == 1) {
                store.append(2);
            } else {
                client.gone = true;
            }
        };

        cut.run();

        assertEquals(List.of("event 1 AgentCreated", "event 2 AgentCreated"), client.events());
    }

    @Test
    void aBacklogIsReadInBatchesWithoutWaitingBetweenThem() {
        store.append(2 * EventFeedResource.BATCH + 1);
        onWait = n -> client.gone = true;

        cut.run();

        assertEquals(3, store.reads);
        assertEquals(1, waits.size()); // only once caught up
        assertEquals(2 * EventFeedResource.BATCH + 1, client.events().size());
    }

    @Test
    void nothingIsReadWhileTheStoreHasNothingNew() {
        store.append(3);
        cut = feed(3, SHORT);
        onWait = n -> client.gone = n == 5;

        cut.run();

        assertEquals(0, store.reads);
    }

    @Test
    void noWaitIsLongerThanThePollInterval() {
        onWait = n -> client.gone = n == 40;

        cut.run();

        assertTrue(waits.stream().allMatch(w -> w <= 1000), waits.toString());
    }

    @Test
    void heartbeatAfterFifteenSecondsOfSilence() {
        onWait = n -> client.gone = nanos >= TimeUnit.SECONDS.toNanos(31);

        cut.run();

        assertEquals(List.of("comment connected id=0", "comment heartbeat id=0", "comment heartbeat id=0"), client.comments());
    }

    @Test
    void heartbeatCarriesThePositionReadUpToEvenWhenTheFilterMatchedNothing() {
        // A reconnect with this id skips what did not match instead of reading it again.
        store.matches = p -> false;
        onWait = n -> {
            if (n == 1) {
                store.append(4);
            }
            client.gone = nanos >= TimeUnit.SECONDS.toNanos(16);
        };

        cut.run();

        assertEquals(List.of(), client.events());
        assertEquals("comment heartbeat id=4", client.comments().get(1));
    }

    @Test
    void eventsPostponeTheHeartbeat() {
        onWait = n -> {
            if (n == 10) {
                store.append(1);
            }
            client.gone = nanos >= TimeUnit.SECONDS.toNanos(20);
        };

        cut.run();

        assertEquals(List.of("comment connected id=0"), client.comments());
    }

    @Test
    void endsWhenTheClientIsGoneAndReadsNoMore() {
        store.append(3);
        client.gone = false;
        onWait = n -> {
            client.gone = true;
            store.append(3);
        };

        Ending ending = cut.run();

        assertEquals(Ending.CLIENT_GONE, ending);
        assertEquals(1, store.reads);
        assertEquals(3, cut.position());
    }

    @Test
    void endsWhenASendFailsMidBatch() {
        store.append(3);
        Client failing = new Client() {
            @Override
            public boolean event(EventView event) {
                gone = event.position() == 2;
                return super.event(event);
            }
        };
        cut = new Feed(store, failing, millis -> {}, () -> nanos, 0, SHORT);

        assertEquals(Ending.CLIENT_GONE, cut.run());
        assertEquals(1, cut.position());
    }

    @Test
    void endsAtItsLifetimeTellingTheClientWhereToResume() {
        store.append(2);

        Ending ending = cut.run();

        assertEquals(Ending.LIFETIME, ending);
        assertEquals("comment reconnect id=2", client.received.get(client.received.size() - 1));
        assertEquals(TimeUnit.MINUTES.toNanos(2), nanos);
    }

    @Test
    void theDefaultLifetimeIsThirtyMinutes() {
        cut = feed(0, Feed.Timing.DEFAULT);

        cut.run();

        assertEquals(TimeUnit.MINUTES.toNanos(30), nanos);
        // One every 15 s; at 30:00 the reconnect comment takes the last slot.
        assertEquals(30 * 60 / 15 - 1, client.comments().stream().filter(c -> c.startsWith("comment heartbeat")).count());
    }

    @Test
    void stopEndsTheLoopAfterTheCurrentWait() {
        onWait = n -> {
            if (n == 3) {
                cut.stop();
            }
        };

        assertEquals(Ending.STOPPED, cut.run());
        assertEquals(3, waits.size());
    }

    @Test
    void interruptedWaitEndsTheLoop() {
        cut = new Feed(store, client, millis -> {
            throw new InterruptedException();
        }, () -> nanos, 0, SHORT);

        assertEquals(Ending.STOPPED, cut.run());
        assertTrue(Thread.interrupted()); // the flag is kept for the executor (and cleared here)
    }

    @Test
    void aClientGoneBeforeTheFirstMessageEndsAtOnce() {
        client.gone = true;

        assertEquals(Ending.CLIENT_GONE, cut.run());
        assertEquals(0, store.reads);
    }
}
