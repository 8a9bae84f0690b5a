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

/** Failed sign-ins: {@code GET /lockouts} (accounts and addresses with failures, locked until), {@code DELETE /lockouts/{subject}} unlocks. */
@Path("lockouts")
@Produces(APPLICATION_JSON)
@Roles("admin")
@ApplicationScoped
public class LockoutsResource {

    @Inject
    LoginGuard guard;

    @GET
    public Map<String, List<LoginGuard.Lockout>> list() {
        return Map.of("items", guard.list());
    }

    @DELETE
    @Path("{subject}")
    public Response unlock(@PathParam("subject") String subject) {
        guard.unlock(subject);
        return Response.noContent().build();
    }
}
