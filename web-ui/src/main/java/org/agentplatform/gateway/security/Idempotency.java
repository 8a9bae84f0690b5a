package org.agentplatform.gateway.security;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.Resource;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.agentplatform.kernel.ErrorCode;

/**
 * {@code Idempotency-Key} on POST, PUT and PATCH under {@code /api/}: the first answer (status below
 * 500) is kept for 24 h in the data grid, per caller and key, and a repeat gets it again with
 * {@code Idempotent-Replayed: true}, on any instance, without running the request twice. The same
 * key with another request (method, path or body) is refused (E9111); a repeat while the first is
 * still running waits on the grid lock (at most 10 s, then E9112).
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class Idempotency extends HttpFilter {
    static final String HEADER = "Idempotency-Key";
    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");
    private static final String MAP = "gateway-idempotency";
    private static final int MAX_KEY_LENGTH = 200;
    private static final int MAX_BODY = 1_048_576; // as gateway.max-body-bytes: kept answers stay small

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    /** A kept answer and the fingerprint of the request it answered. */
    record Kept(byte[] request, int status, String contentType, String location, String etag, byte[] body) implements Serializable {}

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String key = request.getHeader(HEADER);
        if (key == null || !METHODS.contains(request.getMethod()) || request.getUserPrincipal() == null) {
            chain.doFilter(request, response);
            return;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            ErrorResponses.write(response, ErrorCode.REQUEST_INVALID, "Idempotency-Key is 1 to " + MAX_KEY_LENGTH + " characters.");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            ErrorResponses.write(response, ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + MAX_BODY + " bytes: send less.");
            return;
        }
        byte[] fingerprint = fingerprint(request, body);
        String slot = request.getUserPrincipal().getName() + "|" + key;
        IMap<String, Kept> kept = grid.getMap(MAP);
        boolean locked;
        try {
            locked = kept.tryLock(slot, 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            ErrorResponses.write(response, ErrorCode.IDEMPOTENCY_IN_PROGRESS, null);
            return;
        }
        try {
            Kept earlier = kept.get(slot);
            if (earlier != null) {
                if (!Arrays.equals(earlier.request(), fingerprint)) {
                    ErrorResponses.write(response, ErrorCode.IDEMPOTENCY_KEY_REUSED,
                            "This Idempotency-Key answered another request: use a new key for a new request.");
                    return;
                }
                replay(earlier, response);
                return;
            }
            Capture capture = new Capture(response);
            chain.doFilter(new Replayable(request, body), capture);
            capture.flushBuffer();
            if (capture.getStatus() < 500) {
                kept.set(slot, new Kept(fingerprint, capture.getStatus(), capture.getContentType(), capture.getHeader("Location"),
                        capture.getHeader("ETag"), capture.copy.toByteArray()), 24, TimeUnit.HOURS);
            }
        } finally {
            kept.unlock(slot);
        }
    }

    private static void replay(Kept earlier, HttpServletResponse response) throws IOException {
        response.setStatus(earlier.status());
        if (earlier.contentType() != null) {
            response.setContentType(earlier.contentType());
        }
        if (earlier.location() != null) {
            response.setHeader("Location", earlier.location());
        }
        if (earlier.etag() != null) {
            response.setHeader("ETag", earlier.etag());
        }
        response.setHeader("Idempotent-Replayed", "true");
        response.getOutputStream().write(earlier.body());
    }

    private static byte[] fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n").getBytes(StandardCharsets.UTF_8));
            return sha.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once, served again to the application. */
    private static final class Replayable extends HttpServletRequestWrapper {
        private final ServletInputStream stream;

        Replayable(HttpServletRequest request, byte[] body) {
            super(request);
            this.stream = streamOf(body);
        }

        /** One stream per request, as the container gives: readers may call getInputStream() more than once. */
        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }

        private static ServletInputStream streamOf(byte[] body) {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }

    /** The response, copied as it is written, so it can be kept. */
    private static final class Capture extends HttpServletResponseWrapper {
        final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private ServletOutputStream out;
        private PrintWriter writer;

        Capture(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (out == null) {
                ServletOutputStream real = super.getOutputStream();
                out = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        real.write(b);
                        copy.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        real.write(b, off, len);
                        copy.write(b, off, len);
                    }

                    @Override
                    public void flush() throws IOException {
                        real.flush();
                    }

                    @Override
                    public boolean isReady() {
                        return real.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        real.setWriteListener(listener);
                    }
                };
            }
            return out;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new java.io.OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8), true);
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            super.flushBuffer();
        }
    }
}
