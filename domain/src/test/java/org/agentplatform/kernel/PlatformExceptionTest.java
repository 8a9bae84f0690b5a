package org.agentplatform.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformExceptionTest {

    @Test
    void missingMessageIsTheCodesDefault() {
        PlatformException cut = new PlatformException(ErrorCode.UNAVAILABLE);

        assertEquals(ErrorCode.UNAVAILABLE.defaultMessage(), cut.getMessage());
        assertTrue(cut.details().isEmpty());
    }

    @Test
    void detailsAreACopyThatCannotChange() {
        Map<String, Object> details = new HashMap<>(Map.of("a", 1));
        PlatformException cut = new PlatformException(ErrorCode.BAD_QUERY, "m", details);

        details.put("b", 2);

        assertEquals(Map.of("a", 1), cut.details());
        assertThrows(UnsupportedOperationException.class, () -> cut.details().put("c", 3));
    }

    @Test
    void errorCodeIsRequired() {
        assertThrows(NullPointerException.class, () -> new PlatformException(null, "m"));
    }
}
