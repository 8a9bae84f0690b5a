package org.agentplatform.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {
    private static final int LIMIT = 64;

    private RequestLimits cut;

    @BeforeEach
    void limitBodies() {
        cut = new RequestLimits();
        cut.maxBodyBytes = LIMIT;
    }

    private static byte[] body(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        return body;
    }

    /** The body as the application would read it, after the filter ran; -1 declares no length (chunked). */
    private InputStream filtered(byte[] body, int declaredLength) {
        FakeRequestContext request = new FakeRequestContext(body, declaredLength);
        cut.filter(request);
        return request.getEntityStream();
    }

    private static void readOneByteAtATime(InputStream in) throws IOException {
        while (in.read() >= 0) {
            // drain
        }
    }

    private static void assertTooLarge(PlatformException e) {
        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, e.errorCode());
        assertTrue(e.getMessage().contains(Integer.toString(LIMIT)), e.getMessage());
    }

    @Test
    void chunkedBodyJustUnderTheLimitReadsFully() throws IOException {
        byte[] body = body(LIMIT - 1);

        assertArrayEquals(body, filtered(body, -1).readAllBytes());
    }

    @Test
    void chunkedBodyOfExactlyTheLimitReadsFully() throws IOException {
        byte[] body = body(LIMIT);

        assertArrayEquals(body, filtered(body, -1).readAllBytes());
    }

    @Test
    void chunkedBodyOneByteOverTheLimitIsRefusedWhileReadInBlocks() {
        InputStream in = filtered(body(LIMIT + 1), -1);

        assertTooLarge(assertThrows(PlatformException.class, in::readAllBytes));
    }

    @Test
    void chunkedBodyOneByteOverTheLimitIsRefusedWhileReadByteByByte() {
        InputStream in = filtered(body(LIMIT + 1), -1);

        assertTooLarge(assertThrows(PlatformException.class, () -> readOneByteAtATime(in)));
    }

    @Test
    void bodyOfExactlyTheLimitReadsFullyByteByByte() throws IOException {
        InputStream in = filtered(body(LIMIT), LIMIT);
        int count = 0;
        while (in.read() >= 0) {
            count++;
        }

        assertEquals(LIMIT, count);
    }

    @Test
    void bodyUnderTheLimitReadsFullyInSmallBlocks() throws IOException {
        InputStream in = filtered(body(LIMIT), LIMIT);
        byte[] buffer = new byte[7];
        int total = 0;
        for (int n; (n = in.read(buffer, 0, buffer.length)) > 0; ) {
            total += n;
        }

        assertEquals(LIMIT, total);
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedBeforeReading() {
        FakeRequestContext request = new FakeRequestContext(body(LIMIT + 1), LIMIT + 1);

        assertTooLarge(assertThrows(PlatformException.class, () -> cut.filter(request)));
    }

    @Test
    void bodyLongerThanItsDeclaredLengthIsStillCounted() {
        // A Content-Length that lies low does not get a large body through.
        InputStream in = filtered(body(LIMIT + 1), 10);

        assertTooLarge(assertThrows(PlatformException.class, in::readAllBytes));
    }

    @Test
    void requestWithoutBodyPassesUntouched() {
        FakeRequestContext request = new FakeRequestContext(null, -1);

        cut.filter(request);

        assertNull(request.getEntityStream());
    }

    @Test
    void emptyBodyReadsAsEmpty() throws IOException {
        assertEquals(0, filtered(new byte[0], 0).readAllBytes().length);
    }
}
