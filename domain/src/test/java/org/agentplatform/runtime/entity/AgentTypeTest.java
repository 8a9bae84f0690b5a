package org.agentplatform.runtime.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentTypeTest {

    @ParameterizedTest
    @EnumSource(AgentType.class)
    void wireNameIsTheLowerCaseName(AgentType cut) {
        assertEquals(cut.name().toLowerCase(java.util.Locale.ROOT), cut.wireName());
    }

    @ParameterizedTest
    @EnumSource(AgentType.class)
    void fromWireFindsTheTypeOfItsWireName(AgentType cut) {
        assertEquals(Optional.of(cut), AgentType.fromWire(cut.wireName()));
    }

    @Test
    void fromWireReadsReasoning() {
        assertEquals(Optional.of(AgentType.REASONING), AgentType.fromWire("reasoning"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"REASONING", "Reasoning", " tool", "tool ", "robot", "planner,tool"})
    void fromWireFindsNothingForAnythingElse(String text) {
        assertTrue(AgentType.fromWire(text).isEmpty());
    }

    @Test
    void wireNamesListsEveryTypeInDeclarationOrder() {
        assertEquals("reasoning, tool, planner, evaluator, supervisor, assistant", AgentType.wireNames());
    }

    @Test
    void statusWireNameIsLowerCase() {
        assertEquals("created", AgentStatus.CREATED.wireName());
        assertEquals("terminated", AgentStatus.TERMINATED.wireName());
    }
}
