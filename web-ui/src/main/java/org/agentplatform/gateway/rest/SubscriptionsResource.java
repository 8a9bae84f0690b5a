package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.agentplatform.eventstore.boundary.ParkedEventView;
import org.agentplatform.eventstore.boundary.ReplayResult;
import org.agentplatform.eventstore.boundary.SubscriptionView;
import org.agentplatform.eventstore.boundary.Subscriptions;
import org.agentplatform.gateway.security.Roles;

/**
 * Consumer groups: {@code GET /subscriptions}, {@code GET /subscriptions/{group}} (checkpoints, lag),
 * {@code GET /subscriptions/{group}/parked}, {@code POST .../parked/{position}/replay},
 * {@code POST .../parked/replay} (all), {@code DELETE .../parked/{position}} (skip).
 */
@Path("subscriptions")
@Produces(APPLICATION_JSON)
@Roles({"admin", "operator", "auditor"})
@ApplicationScoped
public class SubscriptionsResource {

    @Inject
    Subscriptions subscriptions;

    @GET
    public Map<String, List<SubscriptionView>> list() {
        return Map.of("items", subscriptions.list());
    }

    @GET
    @Path("{group}")
    public SubscriptionView get(@PathParam("group") String group) {
        return subscriptions.get(group);
    }

    @GET
    @Path("{group}/parked")
    public Map<String, List<ParkedEventView>> parked(@PathParam("group") String group) {
        return Map.of("items", subscriptions.parked(group));
    }

    @POST
    @Path("{group}/parked/{position: [0-9]+}/replay")
    @Roles({"admin", "operator"})
    public ReplayResult replay(@PathParam("group") String group, @PathParam("position") long position) {
        return subscriptions.replay(group, position);
    }

    @POST
    @Path("{group}/parked/replay")
    @Roles({"admin", "operator"})
    public ReplayResult replayAll(@PathParam("group") String group) {
        return subscriptions.replayAll(group);
    }

    @DELETE
    @Path("{group}/parked/{position: [0-9]+}")
    @Roles({"admin", "operator"})
    public Response skip(@PathParam("group") String group, @PathParam("position") long position) {
        subscriptions.skip(group, position);
        return Response.noContent().build();
    }
}
