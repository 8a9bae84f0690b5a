package org.agentplatform.gateway.security;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;
import org.agentplatform.identity.boundary.ApiKeys;
import org.agentplatform.identity.boundary.DecisionAudit;
import org.agentplatform.identity.boundary.LoginGuard;
import org.agentplatform.identity.boundary.RateLimiter;
import org.agentplatform.identity.boundary.Revocations;
import org.agentplatform.identity.boundary.SignedInUser;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;

/**
 * The single authentication mechanism of the WAR (Jakarta Security allows one): Bearer tokens for
 * {@code /api/*}, verified by {@link AccessTokens} (RS256 by a key of our JWKS, issuer, audience, time), or API keys ({@code X-API-Key} or
 * {@code Bearer ap_...}); a form sign-in and an HTTP session for
 * {@code /console/*}.
 *
 * <p>Guarantees: every {@code /api/*} request but {@code /api/v1/auth/*} carries a valid token or is
 * answered 401 in the one error shape; console pages other than the login page need a session. The
 * signed-in user and roles are kept in the (replicated) session and re-established on each request,
 * because a failed-over session carries the principal but not its groups (RECIPES.md). A console
 * session never authorizes an API call, so the API needs no CSRF defence. A valid token that was
 * revoked (sign-out, sign out everywhere) is refused on every instance ({@link Revocations}).
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class PlatformAuthentication implements HttpAuthenticationMechanism {
    static final String SESSION_USER = "org.agentplatform.signedInUser";
    private static final String LOGIN_PAGE = "/console/login.xhtml";
    private static final String LOGIN_ACTION = "/console/j_security_check";
    private static final String LOGOUT_ACTION = "/console/logout";
    private static final String HOME = "/console/index.xhtml";
    private static final Logger LOG = Logger.getLogger(PlatformAuthentication.class.getName());

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    AccessTokens accessTokens;

    @Inject
    ConsoleSessions sessions;

    @EJB // the container's reference, without a CDI proxy in front (ADR 0008)
    Revocations revocations;

    @Inject
    ApiKeys apiKeys;

    @Inject
    LoginGuard loginGuard;

    @Inject
    RateLimiter rateLimiter;

    @EJB // the container's reference, without a CDI proxy in front (ADR 0008)
    DecisionAudit audit;

    @Inject
    EndpointLimits endpointLimits;


    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        RequestIds.assign(request, response);
        request.setAttribute(AccessLog.AUTH_STARTED, System.nanoTime()); // the access log reports the authentication's time
        String path = request.getRequestURI().substring(request.getContextPath().length());
        try {
            if (path.startsWith("/api/")) {
                return api(path, request, response, context);
            }
            if (path.equals("/console") || path.startsWith("/console/")) {
                return console(path, request, response, context);
            }
            return context.doNothing();
        } catch (IOException e) {
            throw new AuthenticationException(e);
        }
    }

    private AuthenticationStatus api(String path, HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws IOException, AuthenticationException {
        String header = request.getHeader("Authorization");
        String apiKey = request.getHeader("X-API-Key");
        if (apiKey == null && header != null && header.regionMatches(true, 0, "Bearer ap_", 0, 10)) {
            apiKey = header.substring(7).strip();
        }
        if (apiKey != null) {
            Optional<ApiKeys.Caller> caller = apiKeys.authenticate(apiKey, clientAddress(request));
            if (caller.isPresent()) {
                var own = caller.get().rateLimit();
                if (own != null && !admitted(request, response, caller.get().name(), new EndpointLimits.Limit(own.requests(), own.windowSeconds()))
                        || !classAdmitted(request, response, caller.get().owner(), null)) {
                    return AuthenticationStatus.SEND_FAILURE;
                }
                return context.notifyContainerAboutLogin(caller.get().name(), caller.get().roles());
            }
            deny(request, response, ErrorCode.INVALID_API_KEY, null);
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            var token = accessTokens.verify(header.substring(7)).orElse(null);
            if (token == null) {
                deny(request, response, ErrorCode.AUTHENTICATION_REQUIRED,
                        "The token is not valid (signature, issuer, audience or expiry): get a new one at POST /api/v1/auth/token.");
                return AuthenticationStatus.SEND_FAILURE;
            }
            // The denylist and sign-out-everywhere reads are in flight while the rate limiter decides (locally
            // from a lease of the caller's permits, else one grid round trip when this instance wrote the window
            // last). A revoked token's request may so count in its user's window: it is refused anyway.
            var claims = token.claims();
            long issuedAtMs = Revocations.issuedAtMillis(claims.getClaim("iat_ms"),
                    claims.getIssueTime() == null ? 0 : claims.getIssueTime().getTime() / 1000);
            var revoked = revocations.isRevokedAsync(claims.getJWTID(), token.username(), issuedAtMs);
            String endpointClass = EndpointLimits.endpointClass(request.getMethod());
            String bucket = "user:" + token.username() + ":" + endpointClass;
            EndpointLimits.Limit limit = endpointLimits.limit(endpointClass, text(claims.getClaim("rl")));
            RateLimiter.Decision decision = rateLimiter.admit(bucket, limit.requests(), limit.windowSeconds(), rateLimiter.prefetch(bucket));
            if (revoked.toCompletableFuture().join()) {
                deny(request, response, ErrorCode.TOKEN_REVOKED, null);
                return AuthenticationStatus.SEND_FAILURE;
            }
            return apply(request, response, decision, limit)
                    ? context.notifyContainerAboutLogin(new TokenPrincipal(token), token.groups())
                    : AuthenticationStatus.SEND_FAILURE;
        }
        if (path.startsWith("/api/v1/auth/")) {
            return context.doNothing();
        }
        deny(request, response, ErrorCode.AUTHENTICATION_REQUIRED, null);
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static String text(Object claim) {
        return claim == null ? null : claim.toString();
    }

    /** The limit of the request's endpoint class (read or write) for a user or agent, its own limits first. */
    private boolean classAdmitted(HttpServletRequest request, HttpServletResponse response, String principal, String ownLimits)
            throws IOException {
        String endpointClass = EndpointLimits.endpointClass(request.getMethod());
        return admitted(request, response, principal + ":" + endpointClass, endpointLimits.limit(endpointClass, ownLimits));
    }

    /**
     * Applies one rate limit: answers 429 (E9110) with Retry-After when over it, and sets the
     * RateLimit-* headers unless a tighter limit of the same request set them already.
     */
    private boolean admitted(HttpServletRequest request, HttpServletResponse response, String bucket, EndpointLimits.Limit limit)
            throws IOException {
        return apply(request, response, rateLimiter.admit(bucket, limit.requests(), limit.windowSeconds()), limit);
    }

    /** Sets the RateLimit-* headers (unless a tighter limit set them) and answers 429 when the decision refuses. */
    private boolean apply(HttpServletRequest request, HttpServletResponse response, RateLimiter.Decision d, EndpointLimits.Limit limit)
            throws IOException {
        String shown = response.getHeader("RateLimit-Remaining");
        if (shown == null || d.remaining() < Integer.parseInt(shown)) {
            response.setHeader("RateLimit-Limit", Integer.toString(d.limit()));
            response.setHeader("RateLimit-Remaining", Integer.toString(d.remaining()));
            response.setHeader("RateLimit-Reset", Long.toString(d.resetSeconds()));
        }
        if (!d.admitted()) {
            response.setHeader("Retry-After", Long.toString(d.resetSeconds()));
            deny(request, response, ErrorCode.RATE_LIMITED, "At most " + limit.requests() + " requests per " + limit.windowSeconds()
                    + " s: retry in " + d.resetSeconds() + " s.");
        }
        return d.admitted();
    }

    /** Refuses the request in the one error shape and records the denial (filters do not run after this). */
    private void deny(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message) throws IOException {
        ErrorResponses.write(response, code, message);
        audit.record("-", clientAddress(request), request.getMethod(), request.getRequestURI(), code.status(),
                code.code() + " " + code.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), RequestIds.current());
    }

    /** The client's address: HAProxy (on loopback) passes it in X-Forwarded-For. */
    public static String clientAddress(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && (peer.startsWith("127.") || peer.equals("::1") || peer.equals("0:0:0:0:0:0:0:1"))) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].strip();
        }
        return peer;
    }

    private AuthenticationStatus console(String path, HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws IOException {
        String base = request.getContextPath();
        if (path.equals(LOGIN_ACTION) && "POST".equals(request.getMethod())) {
            return signIn(request, response, base);
        }
        if (path.equals(LOGOUT_ACTION)) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                sessions.signedOut(session.getId());
                session.invalidate();
            }
            response.sendRedirect(base + LOGIN_PAGE + (request.getParameter("idle") != null ? "?idle" : "?loggedOut"));
            return AuthenticationStatus.SEND_CONTINUE;
        }
        HttpSession session = request.getSession(false);
        SignedInUser user = session == null ? null : (SignedInUser) session.getAttribute(SESSION_USER);
        if (user != null) {
            if (sessions.active(session.getId())) {
                return context.notifyContainerAboutLogin(user.username(), user.roles());
            }
            session.invalidate(); // signed out on another instance, or past the absolute lifetime
        }
        if (path.equals(LOGIN_PAGE)) {
            return context.doNothing();
        }
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            // An AJAX postback after the session expired: tell Faces to navigate to the login page.
            response.setContentType("text/xml");
            response.getWriter().write("<?xml version='1.0' encoding='UTF-8'?><partial-response><redirect url=\""
                    + base + LOGIN_PAGE + "\"/></partial-response>");
            return AuthenticationStatus.SEND_CONTINUE;
        }
        response.sendRedirect(base + LOGIN_PAGE);
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private AuthenticationStatus signIn(HttpServletRequest request, HttpServletResponse response, String base) throws IOException {
        String username = request.getParameter("j_username");
        String password = request.getParameter("j_password");
        String address = clientAddress(request);
        try {
            loginGuard.check(username, address);
        } catch (PlatformException locked) {
            response.sendRedirect(base + LOGIN_PAGE + "?locked");
            return AuthenticationStatus.SEND_CONTINUE;
        }
        CredentialValidationResult result = username == null || password == null
                ? CredentialValidationResult.INVALID_RESULT
                : identityStores.validate(new UsernamePasswordCredential(username, password));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            loginGuard.failed(String.valueOf(username), address, "console");
            LOG.info(() -> "Console sign-in refused for '" + username + "' from " + request.getRemoteAddr()
                    + " requestId=" + RequestIds.current());
            response.sendRedirect(base + LOGIN_PAGE + "?error");
            return AuthenticationStatus.SEND_CONTINUE;
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate(); // a new session id at sign-in: no session fixation
        }
        String name = result.getCallerPrincipal().getName();
        loginGuard.succeeded(name);
        HttpSession session = request.getSession(true);
        session.setAttribute(SESSION_USER, new SignedInUser(name, result.getCallerGroups()));
        session.setMaxInactiveInterval(sessions.idleSeconds());
        sessions.signedIn(session.getId(), name, address);
        LOG.info(() -> "Console sign-in of '" + name + "' requestId=" + RequestIds.current());
        response.sendRedirect(base + HOME);
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
