package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.agentplatform.gateway.security.Roles;
import org.agentplatform.kernel.Page;
import org.agentplatform.kernel.PlatformException;
import org.agentplatform.runtime.boundary.AgentPatch;
import org.agentplatform.runtime.boundary.AgentRequest;
import org.agentplatform.runtime.boundary.AgentView;
import org.agentplatform.runtime.boundary.Agents;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.InvalidRequestCode;

/** Agents: {@code POST /agents}, {@code GET /agents?limit=&cursor=}, {@code GET /agents/{id}}. */
@InvalidRequestCode(ErrorCode.AGENT_INVALID)
@Path("agents")
@Roles({"admin", "operator", "developer", "auditor", "viewer"})
@Produces(APPLICATION_JSON)
@Consumes(APPLICATION_JSON)
@ApplicationScoped
public class AgentsResource {

    @Inject
    Agents agents;

    @POST
    @Roles({"admin", "operator", "developer"})
    public Response create(@NotNull(message = "A JSON body is required.") @Valid AgentRequest request, @Context UriInfo uri) {
        AgentView created = agents.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).tag(etag(created)).build();
    }

    @GET
    public Page<AgentView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return agents.list(limit, cursor);
    }

    @GET
    @Path("{id}")
    public Response find(@PathParam("id") String id) {
        AgentView agent = agents.find(id);
        return Response.ok(agent).tag(etag(agent)).build();
    }

    /**
     * Renames and/or changes the status ({@code {"name","status","reason"}}). With {@code If-Match:
     * "<version>"} the change is refused (409, E1001) unless the agent is still at that version.
     */
    @PATCH
    @Path("{id}")
    @Consumes({APPLICATION_JSON, "application/merge-patch+json"})
    @Roles({"admin", "operator", "developer"})
    public Response change(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull(message = "A JSON body is required.") @Valid AgentPatch patch) {
        AgentView agent = agents.change(id, patch, version(ifMatch));
        return Response.ok(agent).tag(etag(agent)).build();
    }

    private static EntityTag etag(AgentView agent) {
        return new EntityTag(Long.toString(agent.version()));
    }

    /** The version in an If-Match header: {@code "3"}, {@code W/"3"} or {@code 3}; null without the header. */
    static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String text = ifMatch.strip();
        if (text.startsWith("W/")) {
            text = text.substring(2);
        }
        text = text.replace("\"", "");
        try {
            long version = Long.parseLong(text);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new PlatformException(ErrorCode.REQUEST_INVALID, "If-Match takes the ETag of a previous answer, e.g. \"3\".");
    }
}
