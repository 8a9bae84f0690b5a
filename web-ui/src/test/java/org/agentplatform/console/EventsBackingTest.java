package org.agentplatform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import org.agentplatform.console.EventsBacking.EventRow;
import org.agentplatform.eventstore.boundary.EventView;
import org.junit.jupiter.api.Test;

/** How the Events page turns an event into a row. */
class EventsBackingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EventView event(ObjectNode payload) {
        return new EventView(7, "agent", "a1", 2, "0eccc365-2f33-4b2f-8a09-180565af8909", "AgentRenamed", 1, payload,
                JSON.createObjectNode().put("actor", "user:admin"), "2026-11-25T19:19:06.491834Z");
    }

    @Test
    void rowKeepsTheEventsFacts() {
        EventRow cut = EventRow.of(event(JSON.createObjectNode().put("name", "b")));

        assertEquals(7, cut.position());
        assertEquals("agent", cut.streamType());
        assertEquals("a1", cut.streamId());
        assertEquals(2, cut.version());
        assertEquals("AgentRenamed", cut.type());
        assertEquals("2026-11-25T19:19:06.491834Z", cut.recordedAt());
    }

    @Test
    void payloadAndMetadataArePrettyPrinted() {
        EventRow cut = EventRow.of(event(JSON.createObjectNode().put("name", "b")));

        assertTrue(cut.payload().contains("\n"), cut.payload());
        assertTrue(cut.payload().contains("\"name\" : \"b\""), cut.payload());
        assertTrue(cut.metadata().contains("\"actor\" : \"user:admin\""), cut.metadata());
    }

    @Test
    void shortPayloadIsItsOwnSummaryOnOneLine() {
        EventRow cut = EventRow.of(event(JSON.createObjectNode().put("name", "b")));

        assertEquals("{\"name\":\"b\"}", cut.summary());
    }

    @Test
    void longPayloadSummaryIsCutWithAnEllipsis() {
        EventRow cut = EventRow.of(event(JSON.createObjectNode().put("text", "x".repeat(500))));

        assertEquals(120, cut.summary().length());
        assertTrue(cut.summary().endsWith("…"));
    }

    @Test
    void missingPayloadShowsEmpty() {
        EventRow cut = EventRow.of(event(null));

        assertEquals("", cut.summary());
        assertEquals("", cut.payload());
    }

    @Test
    void rowSerializesSoTheViewSurvivesAFailover() throws IOException {
        EventRow cut = EventRow.of(event(JSON.createObjectNode().put("name", "b")));

        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(cut);
        }
    }
}
