package org.agentplatform.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.agentplatform.kernel.CorrelationId;
import java.util.regex.Pattern;

/**
 * The request id of the request this thread serves: the caller's {@code X-Request-Id} when it is a
 * sane token, else a new UUID. It is answered in {@code X-Request-Id} and written into every log
 * line about the request, next to the instance name in {@code X-Served-By}.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String ATTRIBUTE = RequestIds.class.getName();
    private static final String INSTANCE = System.getProperty("com.sun.aas.instanceName", "unknown");

    private RequestIds() {}

    /** Assigns the id once per request (the security mechanism runs before filters) and sets the headers. */
    public static String assign(HttpServletRequest request, HttpServletResponse response) {
        String id = (String) request.getAttribute(ATTRIBUTE);
        if (id == null) {
            String given = request.getHeader(HEADER);
            id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
            request.setAttribute(ATTRIBUTE, id);
            response.setHeader(HEADER, id);
            response.setHeader("X-Served-By", INSTANCE);
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
        }
        CorrelationId.set(id);
        return id;
    }

    public static String current() {
        String id = CorrelationId.current();
        return id == null ? "-" : id;
    }

    static void clear() {
        CorrelationId.clear();
    }

    public static String instance() {
        return INSTANCE;
    }
}
