package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.agentplatform.kernel.Page;
import org.agentplatform.runtime.boundary.AgentRequest;
import org.agentplatform.runtime.boundary.AgentView;
import org.agentplatform.runtime.boundary.Agents;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.InvalidRequestCode;

/** Agents: {@code POST /agents}, {@code GET /agents?limit=&cursor=}, {@code GET /agents/{id}}. */
@InvalidRequestCode(ErrorCode.AGENT_INVALID)
@Path("agents")
@RolesAllowed({"admin", "operator", "developer", "auditor", "viewer"})
@Produces(APPLICATION_JSON)
@Consumes(APPLICATION_JSON)
public class AgentsResource {

    @Inject
    Agents agents;

    @POST
    @RolesAllowed({"admin", "operator", "developer"})
    public Response create(@NotNull(message = "A JSON body is required.") @Valid AgentRequest request, @Context UriInfo uri) {
        AgentView created = agents.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @GET
    public Page<AgentView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return agents.list(limit, cursor);
    }

    @GET
    @Path("{id}")
    public AgentView find(@PathParam("id") String id) {
        return agents.find(id);
    }
}
