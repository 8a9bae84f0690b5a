package org.agentplatform.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeTest {

    private static int layer(ErrorCode code) {
        return Integer.parseInt(code.code().substring(1)) / 1000;
    }

    @Test
    void everyCodeIsUnique() {
        Set<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());

        assertEquals(ErrorCode.values().length, codes.size());
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void codeIsAnEFollowedByFourOrFiveDigits(ErrorCode cut) {
        assertTrue(cut.code().matches("E\\d{4,5}"), cut.code());
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void statusIsAClientOrServerError(ErrorCode cut) {
        assertTrue(cut.status() >= 400 && cut.status() <= 599, cut + " " + cut.status());
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void codeBelongsToOneOfTheTwelveLayers(ErrorCode cut) {
        // E1xxx is L01 ... E12xxx is L12: five digits only for L10..L12, never a leading zero.
        assertTrue(layer(cut) >= 1 && layer(cut) <= 12, cut.code());
        assertFalse(cut.code().startsWith("E0"), cut.code());
    }

    @Test
    void codesOfOneKindShareTheirLayer() {
        Map<String, Set<Integer>> layersByKind = Arrays.stream(ErrorCode.values())
                .filter(c -> c.name().startsWith("AGENT_") || c.name().startsWith("JOB_"))
                .collect(Collectors.groupingBy(c -> c.name().substring(0, c.name().indexOf('_')),
                        Collectors.mapping(ErrorCodeTest::layer, Collectors.toSet())));

        assertEquals(Map.of("AGENT", Set.of(2), "JOB", Set.of(1)), layersByKind);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeHasADefaultMessage(ErrorCode cut) {
        assertFalse(cut.defaultMessage().isBlank(), cut.name());
    }

    @Test
    void serverErrorsAreOnlyInternalUnavailableAndTheModelGatewaysUpstreamFailures() {
        Set<ErrorCode> fiveHundreds = Arrays.stream(ErrorCode.values()).filter(c -> c.status() >= 500)
                .collect(Collectors.toSet());

        // The model gateway answers 502/503 when the providers behind it fail or it is saturated.
        assertEquals(Set.of(ErrorCode.INTERNAL, ErrorCode.UNAVAILABLE, ErrorCode.PROVIDERS_FAILED, ErrorCode.PROVIDERS_COOLING_DOWN,
                ErrorCode.MODEL_GATEWAY_BUSY), fiveHundreds);
    }
}
