package org.agentplatform.gateway.security;

import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.agentplatform.identity.boundary.DecisionAudit;

/**
 * One log line per request with its id, method, path, status and duration (never headers or bodies),
 * and, for the API, the authorization decision in the audit ({@link DecisionAudit}).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class AccessLog extends HttpFilter {
    private static final Logger LOG = Logger.getLogger("org.agentplatform.access");
    /** Request attribute: when authentication began (System.nanoTime), set by PlatformAuthentication. */
    static final String AUTH_STARTED = "org.agentplatform.authStarted";

    @EJB // the container's reference, without a CDI proxy in front (ADR 0008)
    DecisionAudit audit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = RequestIds.assign(request, response);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long micros = (System.nanoTime() - start) / 1000;
            long authMicros = request.getAttribute(AUTH_STARTED) instanceof Long began ? (start - began) / 1000 : 0;
            String user = request.getUserPrincipal() == null ? "-" : request.getUserPrincipal().getName();
            // Health probes (HAProxy, every 2 s) would drown the log: they are logged at FINE.
            Level level = request.getRequestURI().startsWith("/health") ? Level.FINE : Level.INFO;
            // logp: naming the source spares JUL a stack walk per request to find it
            LOG.logp(level, AccessLog.class.getName(), "doFilter", () -> "requestId=" + id + " " + request.getMethod() + " "
                    + request.getRequestURI() + " status=" + response.getStatus() + " user=" + user + " durationUs=" + micros + " authUs=" + authMicros);
            if (request.getRequestURI().startsWith("/api/")) {
                int status = response.getStatus();
                audit.record(user, PlatformAuthentication.clientAddress(request), request.getMethod(), request.getRequestURI(), status,
                        status == 403 ? "E9103 role not allowed" : status == 401 ? "E9101 not authenticated"
                                : status == 429 ? "rate limited" : "-".equals(user) ? "public" : "authenticated", id);
            }
            RequestIds.clear();
        }
    }
}
