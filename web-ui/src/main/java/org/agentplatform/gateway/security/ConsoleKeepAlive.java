package org.agentplatform.gateway.security;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /console/keepalive}: the idle warning's "Stay signed in". The authentication mechanism has
 * checked the session before this runs (and touching it resets its idle time): 204, no body.
 */
@WebServlet("/console/keepalive")
public class ConsoleKeepAlive extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
