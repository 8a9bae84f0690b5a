package org.agentplatform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormatTest {
    private final Format format = new Format();

    @Test
    void timesAreShownInUtcToTheSecond() {
        assertEquals("2026-11-26 00:41:27 UTC", format.time("2026-11-26T00:41:27.123456Z"));
        assertEquals("—", format.time(null));
        assertEquals("from the start", format.time("1970-01-01T00:00:00Z"));
        assertEquals("soon", format.time("soon"));
    }

    @Test
    void listsAreCommaSeparated() {
        assertEquals("read, write", format.list(List.of("read", "write")));
        assertEquals("", format.list(null));
    }
}
