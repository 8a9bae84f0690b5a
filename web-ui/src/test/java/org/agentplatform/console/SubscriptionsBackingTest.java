package org.agentplatform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.List;
import org.agentplatform.console.SubscriptionsBacking.Group;
import org.agentplatform.console.SubscriptionsBacking.Parked;
import org.agentplatform.console.SubscriptionsBacking.Projection;
import org.agentplatform.eventstore.boundary.ParkedEventView;
import org.agentplatform.eventstore.boundary.ProjectionView;
import org.agentplatform.eventstore.boundary.SubscriptionView;
import org.agentplatform.eventstore.boundary.SubscriptionView.PartitionView;
import org.junit.jupiter.api.Test;

/** How the Subscriptions page shows groups, parked events and projections. */
class SubscriptionsBackingTest {

    private static void assertSerializable(Object o) throws IOException {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(o);
        }
    }

    @Test
    void groupListsItsTypesAndPartitions() throws IOException {
        Group cut = Group.of(new SubscriptionView("agent-status-counts", "Counts agents by status", List.of("AgentCreated",
                "AgentStatusChanged"), "agent", 2, 5, 40, 3, 1, List.of(new PartitionView(0, 40, "i1", "2026-11-25T19:20:00Z", 0),
                new PartitionView(1, 37, null, null, 3))));

        assertEquals("AgentCreated, AgentStatusChanged", cut.eventTypes());
        assertEquals("agent", cut.streamType());
        assertEquals(2, cut.partitions().size());
        assertEquals("i1", cut.partitions().get(0).owner());
        assertEquals("none", cut.partitions().get(1).owner());
        assertEquals("-", cut.partitions().get(1).leaseUntil());
        assertSerializable(cut);
    }

    @Test
    void groupWithoutTypesOrStreamTypeTakesAll() {
        Group cut = Group.of(new SubscriptionView("diagnostics", "d", List.of(), null, 4, 5, 0, 0, 0, null));

        assertEquals("all", cut.eventTypes());
        assertEquals("all", cut.streamType());
        assertEquals(List.of(), cut.partitions());
    }

    @Test
    void parkedEventKeepsItsStreamForTheLinkToTheEventsPage() throws IOException {
        Parked cut = Parked.of(new ParkedEventView("g", 12, "id", "AgentCreated", "agent", "a1", 3, 5, "boom", "2026-11-25T19:20:00Z"));

        assertEquals("agent", cut.streamType());
        assertEquals("a1", cut.streamId());
        assertEquals(12, cut.position());
        assertSerializable(cut);
    }

    @Test
    void rebuildingProjectionShowsItsProgressInPercent() throws IOException {
        Projection cut = Projection.of(new ProjectionView("agent-status-counts", "subscription", "rebuilding", 333, 1000, 0.333));

        assertTrue(cut.rebuilding());
        assertEquals(33, cut.percent());
        assertSerializable(cut);
    }

    @Test
    void liveProjectionIsComplete() {
        Projection cut = Projection.of(new ProjectionView("agents", "inline", "live", 10, 10, 1.0));

        assertFalse(cut.rebuilding());
        assertEquals(100, cut.percent());
    }

    @Test
    void progressOutsideZeroToOneIsClamped() {
        assertEquals(100, Projection.of(new ProjectionView("p", "subscription", "live", 0, 0, 1.7)).percent());
        assertEquals(0, Projection.of(new ProjectionView("p", "subscription", "rebuilding", 0, 0, -0.2)).percent());
    }
}
