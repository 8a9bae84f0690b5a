package org.agentplatform.runtime.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentTest {
    private static final Instant NOW = Instant.parse("2025-11-25T18:43:12.123456789Z");

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "7", "planner-01", "my_agent.v2", "A.b-C_d9"})
    void nameOfLettersDigitsUnderscoreDotOrDashIsAccepted(String name) {
        Agent cut = new Agent(name, AgentType.PLANNER, NOW);

        assertEquals(name, cut.name());
    }

    @Test
    void nameOfHundredCharactersIsAccepted() {
        String name = "n".repeat(100);

        assertEquals(name, new Agent(name, AgentType.TOOL, NOW).name());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "two words", "slash/name", "colon:name", "émile", "tab\t", "semi;colon", "new\nline"})
    void nameOutsideThePatternIsRefused(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Agent(name, AgentType.TOOL, NOW));

        assertTrue(e.getMessage().contains(Agent.NAME.pattern()), e.getMessage());
    }

    @Test
    void nameOfHundredAndOneCharactersIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Agent("n".repeat(101), AgentType.TOOL, NOW));
    }

    @Test
    void agentTypeIsRequired() {
        assertThrows(NullPointerException.class, () -> new Agent("a", null, NOW));
    }

    @Test
    void didIsDidAgentNameAndEightLowercaseHexDigits() {
        Agent cut = new Agent("planner-01.v2", AgentType.PLANNER, NOW);

        assertTrue(Pattern.matches("did:agent:" + Pattern.quote("planner-01.v2") + ":[0-9a-f]{8}", cut.did()), cut.did());
    }

    @Test
    void didOfTheLongestNameFitsItsColumn() {
        Agent cut = new Agent("n".repeat(100), AgentType.TOOL, NOW);

        assertTrue(cut.did().length() <= 140, "length " + cut.did().length());
    }

    @Test
    void twoAgentsOfTheSameNameGetDifferentIdsAndDids() {
        Agent first = new Agent("twin", AgentType.REASONING, NOW);
        Agent second = new Agent("twin", AgentType.REASONING, NOW);

        assertNotEquals(first.id(), second.id());
        assertNotEquals(first.did(), second.did());
    }

    @Test
    void newAgentIsCreated() {
        Agent cut = new Agent("fresh", AgentType.ASSISTANT, NOW);

        assertEquals(AgentStatus.CREATED, cut.status());
        assertEquals(AgentType.ASSISTANT, cut.agentType());
        assertEquals(0, cut.version());
    }

    @Test
    void createdAtIsTruncatedToMicroseconds() {
        Agent cut = new Agent("timed", AgentType.TOOL, NOW);

        assertEquals(Instant.parse("2025-11-25T18:43:12.123456Z"), cut.createdAt());
        assertEquals(cut.createdAt(), cut.updatedAt());
    }

    @Test
    void createdAtOnAWholeMicrosecondIsKept() {
        Instant micros = Instant.parse("2025-11-25T18:43:12.000001Z");

        assertEquals(micros, new Agent("timed", AgentType.TOOL, micros).createdAt());
    }
}
