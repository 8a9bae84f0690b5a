package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.agentplatform.gateway.security.Roles;
import org.agentplatform.identity.boundary.ApiKeyRequest;
import org.agentplatform.identity.boundary.ApiKeyView;
import org.agentplatform.identity.boundary.ApiKeys;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.InvalidRequestCode;

/**
 * API keys: {@code POST /api-keys} answers the key once ({@code {"id","key",...}}), {@code GET /api-keys}
 * lists them without secrets, {@code DELETE /api-keys/{id}} revokes. Use a key as
 * {@code Authorization: Bearer ap_...} or {@code X-API-Key: ap_...}.
 */
@Path("api-keys")
@Produces(APPLICATION_JSON)
@Consumes(APPLICATION_JSON)
@InvalidRequestCode(ErrorCode.API_KEY_INVALID_REQUEST)
@Roles({"admin", "operator", "developer"})
@ApplicationScoped
public class ApiKeysResource {

    @Inject
    ApiKeys keys;

    @POST
    public Response create(@NotNull(message = "A JSON body is required.") @Valid ApiKeyRequest request, @Context UriInfo uri) {
        ApiKeyView created = keys.create(request);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).cacheControl(noStore).build();
    }

    /** {@code {"overlapSeconds": N}} (optional, default a day): the new key once, the old one valid until then. */
    @POST
    @Path("{id}/rotate")
    public Response rotate(@PathParam("id") String id, Map<String, Integer> body) {
        ApiKeyView created = keys.rotate(id, body == null ? null : body.get("overlapSeconds"));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(created).cacheControl(noStore).build();
    }

    @GET
    public Map<String, List<ApiKeyView>> list() {
        return Map.of("items", keys.list());
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        keys.revoke(id);
        return Response.noContent().build();
    }
}
