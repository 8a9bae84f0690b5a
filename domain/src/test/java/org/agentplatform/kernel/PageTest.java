package org.agentplatform.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageTest {

    @Test
    void missingLimitMeansTwenty() {
        assertEquals(20, Page.checkLimit(null));
        assertEquals(Page.DEFAULT_LIMIT, Page.checkLimit(null));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 20, 99, 100})
    void limitFromOneToHundredIsKept(int limit) {
        assertEquals(limit, Page.checkLimit(limit));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void limitOutsideOneToHundredIsRefusedAsBadQuery(int limit) {
        PlatformException e = assertThrows(PlatformException.class, () -> Page.checkLimit(limit));

        assertEquals(ErrorCode.BAD_QUERY, e.errorCode());
        assertEquals("limit must be between 1 and 100.", e.getMessage());
    }
}
