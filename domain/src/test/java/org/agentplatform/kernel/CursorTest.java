package org.agentplatform.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {
    private static final UUID ID = UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301");

    private static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertBadQuery(String text) {
        PlatformException e = assertThrows(PlatformException.class, () -> Cursor.decode(text));
        assertEquals(ErrorCode.BAD_QUERY, e.errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2025-11-25T18:43:12.123456Z", // microseconds, as PostgreSQL keeps them
        "2025-11-25T18:43:12Z",
        "2025-11-25T18:43:12.100Z",
        "2025-11-25T18:43:12.123456789Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999999Z" // before the epoch: negative milliseconds
    })
    void decodeOfEncodeGivesTheSameCursor(String at) {
        Cursor cut = new Cursor(Instant.parse(at), ID);

        Cursor decoded = Cursor.decode(cut.encode());

        assertEquals(cut, decoded);
        assertEquals(Instant.parse(at), decoded.createdAt());
        assertEquals(ID, decoded.id());
    }

    @Test
    void encodedCursorIsUrlSafeWithoutPadding() {
        Cursor cut = new Cursor(Instant.parse("2025-11-25T18:43:12.123456Z"), UUID.randomUUID());

        assertTrue(cut.encode().matches("[A-Za-z0-9_-]+"), cut.encode());
    }

    @Test
    void cursorsOfInstantsOneMicrosecondApartDiffer() {
        Instant at = Instant.parse("2025-11-25T18:43:12.123456Z");

        Cursor first = Cursor.decode(new Cursor(at, ID).encode());
        Cursor second = Cursor.decode(new Cursor(at.plusNanos(1_000), ID).encode());

        assertEquals(1_000, second.createdAt().getNano() - first.createdAt().getNano());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "not a cursor", "%%%%", "!!", "a", "abc=def", "ZZZZ"})
    void garbageIsRefusedAsBadQuery(String text) {
        assertBadQuery(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1732560192123", // time only
        "1732560192123:123456000", // no id
        "1732560192123:123456000:", // empty id
        "1732560192123:123456000:not-a-uuid",
        "1732560192123:123456000:3f2504e0-4f89-41d3-9a0c-0305e82c3301:extra",
        "yesterday:123456000:3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        "1732560192123:many:3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        "1732560192123:99999999999:3f2504e0-4f89-41d3-9a0c-0305e82c3301", // nanos overflow an int
        "99999999999999999999:0:3f2504e0-4f89-41d3-9a0c-0305e82c3301" // millis overflow a long
    })
    void tamperedCursorIsRefusedAsBadQuery(String raw) {
        assertBadQuery(base64(raw));
    }

    @Test
    void cursorCutBeforeItsIdIsRefusedAsBadQuery() {
        String encoded = new Cursor(Instant.parse("2025-11-25T18:43:12.123456Z"), ID).encode();

        for (int length = 0; length < encoded.length() / 2; length++) {
            assertBadQuery(encoded.substring(0, length));
        }
    }

    @Test
    void cursorWithACharacterOutsideTheAlphabetIsRefusedAsBadQuery() {
        String encoded = new Cursor(Instant.parse("2025-11-25T18:43:12.123456Z"), ID).encode();

        assertBadQuery(encoded.substring(0, 10) + "*" + encoded.substring(11));
    }

    @Test
    void cursorCutAnywhereIsRefusedAsBadQuery() {
        String encoded = new Cursor(Instant.parse("2025-11-25T18:43:12.123456Z"), ID).encode();

        for (int length = 0; length < encoded.length(); length++) {
            assertBadQuery(encoded.substring(0, length));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1732560192123:-1:3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        "1732560192123:999999999:3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        "1732560192123:123456000:1-2-3-4-5"
    })
    void cursorThisClassCannotHaveMadeIsRefusedAsBadQuery(String raw) {
        assertBadQuery(base64(raw));
    }

    @Test
    void refusalTellsTheCallerToPassNextCursor() {
        PlatformException e = assertThrows(PlatformException.class, () -> Cursor.decode("garbage!"));

        assertTrue(e.getMessage().contains("nextCursor"), e.getMessage());
    }
}
