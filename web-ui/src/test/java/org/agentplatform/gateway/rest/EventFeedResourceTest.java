package org.agentplatform.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.agentplatform.eventstore.boundary.EventFilter;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;
import org.junit.jupiter.api.Test;

/** The query and header parsing of the live feed; the loop itself is in {@link EventFeedTest}. */
class EventFeedResourceTest {

    private static void assertBadQuery(PlatformException e, String mentioned) {
        assertEquals(ErrorCode.BAD_QUERY, e.errorCode());
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }

    // resumeAfter

    @Test
    void withoutLastEventIdOrAfterTheFeedStartsAtTheEnd() {
        assertNull(EventFeedResource.resumeAfter(null, null));
        assertNull(EventFeedResource.resumeAfter(" ", ""));
    }

    @Test
    void lastEventIdIsThePositionToResumeAfter() {
        assertEquals(42L, EventFeedResource.resumeAfter("42", null));
    }

    @Test
    void lastEventIdWinsOverAfterBecauseAReconnectIsMoreRecent() {
        assertEquals(42L, EventFeedResource.resumeAfter("42", "7"));
    }

    @Test
    void afterIsUsedWithoutLastEventId() {
        assertEquals(7L, EventFeedResource.resumeAfter(null, "7"));
        assertEquals(0L, EventFeedResource.resumeAfter("", "0"));
    }

    @Test
    void surroundingBlanksAreIgnored() {
        assertEquals(42L, EventFeedResource.resumeAfter(" 42 ", null));
    }

    @Test
    void lastEventIdThatIsNotAPositionIsRefused() {
        for (String bad : List.of("abc", "-1", "1.5", "0x10", "12345678901234567890", "+3")) {
            assertBadQuery(assertThrows(PlatformException.class, () -> EventFeedResource.resumeAfter(bad, null)), "Last-Event-ID");
        }
    }

    @Test
    void afterThatIsNotAPositionIsRefused() {
        assertBadQuery(assertThrows(PlatformException.class, () -> EventFeedResource.resumeAfter(null, "-5")), "after");
    }

    // filter

    @Test
    void noFilterParametersMatchEverything() {
        EventFilter filter = EventFeedResource.filter(null, null, null);

        assertEquals(List.of(), filter.types());
        assertNull(filter.streamType());
        assertNull(filter.streamId());
        assertNull(filter.from());
        assertNull(filter.to());
    }

    @Test
    void typesAreACommaListStrippedWithoutBlanksOrRepeats() {
        EventFilter filter = EventFeedResource.filter(" AgentCreated, ,AgentRenamed,AgentCreated ", null, null);

        assertEquals(List.of("AgentCreated", "AgentRenamed"), filter.types());
    }

    @Test
    void unknownTypeIsRefusedNamingItAndTheKnownOnes() {
        PlatformException e = assertThrows(PlatformException.class, () -> EventFeedResource.filter("AgentCreated,AgentCraeted", null, null));

        assertBadQuery(e, "AgentCraeted");
        assertTrue(((List<?>) e.details().get("knownTypes")).contains("AgentCreated"));
    }

    @Test
    void streamTypeAndIdFilter() {
        EventFilter filter = EventFeedResource.filter("", " agent ", "a1");

        assertEquals("agent", filter.streamType());
        assertEquals("a1", filter.streamId());
    }

    @Test
    void blankStreamTypeAndIdDoNotFilter() {
        EventFilter filter = EventFeedResource.filter(null, " ", "");

        assertNull(filter.streamType());
        assertNull(filter.streamId());
    }

    @Test
    void unknownStreamTypeIsRefused() {
        assertBadQuery(assertThrows(PlatformException.class, () -> EventFeedResource.filter(null, "agents", null)), "streamType");
    }

    @Test
    void overlongStreamIdIsRefused() {
        assertBadQuery(assertThrows(PlatformException.class, () -> EventFeedResource.filter(null, null, "x".repeat(201))), "streamId");
    }
}
