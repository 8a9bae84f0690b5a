package org.agentplatform.runtime.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;
import java.util.stream.Collectors;
import org.agentplatform.runtime.entity.Agent;
import org.agentplatform.runtime.entity.AgentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentRequestTest {
    private static final String NAME_REQUIRED = "name is required: 1-100 characters of letters, digits, '_', '.', '-'.";
    private static final String NAME_PATTERN = "name must be 1-100 characters of letters, digits, '_', '.', '-'.";
    private static final String TYPE_REQUIRED =
            "agentType is required: one of reasoning, tool, planner, evaluator, supervisor, assistant.";
    private static final String TYPE_PATTERN =
            "agentType must be one of reasoning, tool, planner, evaluator, supervisor, assistant.";

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void startValidation() {
        factory = jakarta.validation.Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stopValidation() {
        factory.close();
    }

    /** Messages of the violations on one property. */
    private static Set<String> messages(AgentRequest cut, String property) {
        return validator.validate(cut).stream()
                .filter(v -> v.getPropertyPath().toString().equals(property))
                .map(ConstraintViolation::getMessage)
                .collect(Collectors.toSet());
    }

    private static Set<String> properties(AgentRequest cut) {
        return validator.validate(cut).stream().map(v -> v.getPropertyPath().toString()).collect(Collectors.toSet());
    }

    @Test
    void validRequestHasNoViolations() {
        assertTrue(validator.validate(new AgentRequest("planner-01", "planner")).isEmpty());
    }

    @Test
    void nameOfHundredCharactersIsValid() {
        assertTrue(validator.validate(new AgentRequest("n".repeat(100), "tool")).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(AgentType.class)
    void everyWireNameOfAnAgentTypeIsValid(AgentType type) {
        assertTrue(validator.validate(new AgentRequest("a", type.wireName())).isEmpty());
    }

    @Test
    void missingNameIsRequired() {
        AgentRequest cut = new AgentRequest(null, "tool");

        assertEquals(Set.of(NAME_REQUIRED), messages(cut, "name"));
        assertEquals(Set.of("name"), properties(cut));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\t"})
    void blankNameIsRequired(String name) {
        AgentRequest cut = new AgentRequest(name, "tool");

        assertTrue(messages(cut, "name").contains(NAME_REQUIRED), messages(cut, "name").toString());
        assertEquals(Set.of("name"), properties(cut));
    }

    @Test
    void nameOfHundredAndOneCharactersBreaksThePattern() {
        AgentRequest cut = new AgentRequest("n".repeat(101), "tool");

        assertEquals(Set.of(NAME_PATTERN), messages(cut, "name"));
        assertEquals(Set.of("name"), properties(cut));
    }

    @ParameterizedTest
    @ValueSource(strings = {"two words", "slash/name", "colon:name", "émile", "semi;colon", "x!"})
    void nameWithAForbiddenCharacterBreaksThePattern(String name) {
        AgentRequest cut = new AgentRequest(name, "tool");

        assertEquals(Set.of(NAME_PATTERN), messages(cut, "name"));
        assertEquals(Set.of("name"), properties(cut));
    }

    @Test
    void missingAgentTypeIsRequired() {
        AgentRequest cut = new AgentRequest("a", null);

        assertEquals(Set.of(TYPE_REQUIRED), messages(cut, "agentType"));
        assertEquals(Set.of("agentType"), properties(cut));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "robot", "REASONING", "Tool", " tool", "planner|tool"})
    void unknownAgentTypeBreaksThePattern(String agentType) {
        AgentRequest cut = new AgentRequest("a", agentType);

        assertEquals(Set.of(TYPE_PATTERN), messages(cut, "agentType"));
        assertEquals(Set.of("agentType"), properties(cut));
    }

    @Test
    void bothPropertiesWrongGiveAViolationOnEach() {
        assertEquals(Set.of("name", "agentType"), properties(new AgentRequest(null, null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A.b-C_d9", "two words", "", "émile", "x!"})
    void requestAndEntityAgreeOnNames(String name) {
        boolean requestAccepts = messages(new AgentRequest(name, "tool"), "name").isEmpty();

        assertEquals(Agent.NAME.matcher(name).matches(), requestAccepts, name);
    }
}
