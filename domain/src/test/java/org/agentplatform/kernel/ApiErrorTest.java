package org.agentplatform.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ApiErrorTest {

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void codeStatusAndDefaultMessageComeFromTheErrorCode(ErrorCode code) {
        ApiError cut = ApiError.of(code, null, null);

        assertEquals(code.code(), cut.code());
        assertEquals(code.status(), cut.status());
        assertEquals(code.defaultMessage(), cut.message());
    }

    @Test
    void givenMessageReplacesTheDefault() {
        ApiError cut = ApiError.of(ErrorCode.AGENT_NOT_FOUND, "No agent has the id 'x'.", null);

        assertEquals("No agent has the id 'x'.", cut.message());
        assertEquals("E2004", cut.code());
        assertEquals(404, cut.status());
    }

    @Test
    void errorIdIsAUuid() {
        ApiError cut = ApiError.of(ErrorCode.INTERNAL, null, null);

        assertDoesNotThrow(() -> UUID.fromString(cut.errorId()));
        assertEquals(UUID.fromString(cut.errorId()).toString(), cut.errorId());
    }

    @Test
    void everyErrorGetsItsOwnErrorId() {
        ApiError first = ApiError.of(ErrorCode.INTERNAL, null, null);
        ApiError second = ApiError.of(ErrorCode.INTERNAL, null, null);

        assertNotEquals(first.errorId(), second.errorId());
    }

    @Test
    void emptyOrMissingDetailsAreLeftOut() {
        assertNull(ApiError.of(ErrorCode.BAD_QUERY, null, Map.of()).details());
        assertNull(ApiError.of(ErrorCode.BAD_QUERY, null, null).details());
    }

    @Test
    void detailsAreKept() {
        ApiError cut = ApiError.of(ErrorCode.AGENT_INVALID, null, Map.of("field", "name"));

        assertEquals(Map.of("field", "name"), cut.details());
    }

    @Test
    void ofPlatformExceptionTakesItsCodeMessageAndDetails() {
        PlatformException e = new PlatformException(ErrorCode.AGENT_NAME_TAKEN, "taken", Map.of("name", "a"));

        ApiError cut = ApiError.of(e);

        assertEquals("E2009", cut.code());
        assertEquals(409, cut.status());
        assertEquals("taken", cut.message());
        assertEquals(Map.of("name", "a"), cut.details());
    }

    @Test
    void ofPlatformExceptionWithoutMessageOrDetailsUsesTheDefaultAndNoDetails() {
        ApiError cut = ApiError.of(new PlatformException(ErrorCode.FORBIDDEN));

        assertEquals(ErrorCode.FORBIDDEN.defaultMessage(), cut.message());
        assertNull(cut.details());
    }
}
