package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.agentplatform.eventstore.boundary.ProjectionView;
import org.agentplatform.eventstore.boundary.Projections;
import org.agentplatform.gateway.security.Roles;

/** Read models: {@code GET /projections}, {@code GET /projections/{name}} (progress), {@code POST /projections/{name}/rebuild}. */
@Path("projections")
@Produces(APPLICATION_JSON)
@Roles({"admin", "operator", "auditor"})
@ApplicationScoped
public class ProjectionsResource {

    @Inject
    Projections projections;

    @GET
    public Map<String, List<ProjectionView>> list() {
        return Map.of("items", projections.list());
    }

    @GET
    @Path("{name}")
    public ProjectionView get(@PathParam("name") String name) {
        return projections.get(name);
    }

    @POST
    @Path("{name}/rebuild")
    @Roles({"admin", "operator"})
    public Response rebuild(@PathParam("name") String name) {
        return Response.accepted(projections.rebuild(name)).build();
    }
}
