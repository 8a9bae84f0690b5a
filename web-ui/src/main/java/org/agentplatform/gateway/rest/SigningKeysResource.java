package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.agentplatform.gateway.security.Roles;
import org.agentplatform.identity.boundary.SigningKeys;
import org.agentplatform.identity.boundary.SigningKeys.KeyView;

/** The realm's signing keys: {@code GET /signing-keys} (status of each), {@code POST /signing-keys/rotate}. */
@Path("signing-keys")
@Produces(APPLICATION_JSON)
@Roles("admin")
@ApplicationScoped
public class SigningKeysResource {

    @Inject
    SigningKeys keys;

    @GET
    public Map<String, List<KeyView>> list() {
        return Map.of("items", keys.list());
    }

    @POST
    @Path("rotate")
    public Response rotate() {
        return Response.accepted(keys.rotate()).build();
    }
}
