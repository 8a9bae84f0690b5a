package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.agentplatform.identity.boundary.TokenRequest;
import org.agentplatform.identity.boundary.Tokens;

/** {@code POST /auth/token}: the one endpoint that needs no token. */
@Path("auth")
@Produces(APPLICATION_JSON)
@Consumes(APPLICATION_JSON)
@PermitAll
public class AuthResource {

    @Inject
    Tokens tokens;

    @POST
    @Path("token")
    public Response token(TokenRequest request) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(tokens.issue(request)).cacheControl(noStore).build();
    }
}
