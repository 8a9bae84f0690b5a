package org.agentplatform.gateway.security;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.agentplatform.identity.boundary.SigningKeys;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /.well-known/jwks.json}: the public signing keys (active, passive and pending), public
 * and cacheable, for clients that verify our tokens. The gateway's own verifier ({@link AccessTokens})
 * reads the same key set and keeps it for the same max-age, which {@code identity.key-publish-seconds}
 * must exceed.
 */
@WebServlet("/.well-known/jwks.json")
public class JwksServlet extends HttpServlet {

    @Inject
    SigningKeys keys;

    @Inject
    @ConfigProperty(name = "identity.jwks-max-age-seconds", defaultValue = "60")
    long maxAge;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/jwk-set+json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "public, max-age=" + maxAge);
        response.getOutputStream().write(keys.jwksJson().getBytes(StandardCharsets.UTF_8));
    }
}
