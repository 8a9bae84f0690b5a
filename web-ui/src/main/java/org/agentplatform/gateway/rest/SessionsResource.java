package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.agentplatform.gateway.security.Roles;
import org.agentplatform.identity.boundary.LoginGuard;
import org.agentplatform.gateway.security.ConsoleSessions;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;

/**
 * Console sessions: {@code GET /sessions} lists who is signed in (fingerprint, user, since, until,
 * address, instance), {@code DELETE /sessions/{fingerprint}} signs that session out on every instance.
 */
@Path("sessions")
@Produces(APPLICATION_JSON)
@Roles("admin")
@ApplicationScoped
public class SessionsResource {

    @Inject
    ConsoleSessions sessions;

    @GET
    public Map<String, List<ConsoleSessions.Session>> list() {
        return Map.of("items", sessions.list(null));
    }

    @DELETE
    @Path("{fingerprint}")
    public Response revoke(@PathParam("fingerprint") String fingerprint) {
        if (!sessions.revoke(fingerprint, null)) {
            throw new PlatformException(ErrorCode.SESSION_NOT_FOUND, "No console session has the fingerprint '" + fingerprint + "'.");
        }
        return Response.noContent().build();
    }
}
