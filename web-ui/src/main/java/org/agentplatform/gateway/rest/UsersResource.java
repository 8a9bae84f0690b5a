package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.agentplatform.gateway.security.Roles;
import org.agentplatform.identity.boundary.UserRequest;
import org.agentplatform.identity.boundary.UserView;
import org.agentplatform.identity.boundary.Users;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.InvalidRequestCode;

/** Users and their roles (admin): {@code POST /users}, {@code GET /users}, {@code PATCH /users/{username}}. */
@Path("users")
@Produces(APPLICATION_JSON)
@Consumes(APPLICATION_JSON)
@InvalidRequestCode(ErrorCode.USER_INVALID)
@Roles("admin")
@ApplicationScoped
public class UsersResource {

    @Inject
    Users users;

    @POST
    public Response create(@NotNull(message = "A JSON body is required.") @Valid UserRequest request, @Context UriInfo uri) {
        UserView created = users.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.username()).build()).entity(created).build();
    }

    @GET
    public Map<String, List<UserView>> list() {
        return Map.of("items", users.list());
    }

    @PATCH
    @Path("{username}")
    public UserView update(@PathParam("username") String username, @NotNull(message = "A JSON body is required.") @Valid UserRequest change) {
        return users.update(username, change);
    }
}
