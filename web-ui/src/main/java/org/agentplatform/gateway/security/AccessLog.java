package org.agentplatform.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One log line per request with its id, method, path, status and duration. Never headers or bodies. */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class AccessLog extends HttpFilter {
    private static final Logger LOG = Logger.getLogger("org.agentplatform.access");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = RequestIds.assign(request, response);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long micros = (System.nanoTime() - start) / 1000;
            String user = request.getUserPrincipal() == null ? "-" : request.getUserPrincipal().getName();
            // Health probes (HAProxy, every 2 s) would drown the log: they are logged at FINE.
            Level level = request.getRequestURI().startsWith("/health") ? Level.FINE : Level.INFO;
            LOG.log(level, () -> String.format("requestId=%s %s %s status=%d user=%s durationUs=%d",
                    id, request.getMethod(), request.getRequestURI(), response.getStatus(), user, micros));
            RequestIds.clear();
        }
    }
}
