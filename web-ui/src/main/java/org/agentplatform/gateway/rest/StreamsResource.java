package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.agentplatform.eventstore.boundary.AppendRequest;
import org.agentplatform.eventstore.boundary.AppendResult;
import org.agentplatform.eventstore.boundary.EventView;
import org.agentplatform.eventstore.boundary.Streams;
import org.agentplatform.gateway.security.Roles;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.InvalidRequestCode;
import org.agentplatform.kernel.Page;
import org.agentplatform.kernel.PlatformException;

/**
 * One stream: {@code GET /streams/{type}/{id}?fromVersion=&direction=forward|backward&limit=} reads its
 * events; with {@code asOf=<position or time>} it answers the state rebuilt from the events up to
 * then. {@code POST} appends (configuration streams; expected version checked).
 */
@Path("streams/{type}/{id}")
@Produces(APPLICATION_JSON)
@Consumes(APPLICATION_JSON)
@InvalidRequestCode(ErrorCode.EVENT_INVALID)
@Roles({"admin", "operator", "developer", "auditor"})
@ApplicationScoped
public class StreamsResource {

    @Inject
    Streams streams;

    @GET
    public Object read(@PathParam("type") String type, @PathParam("id") String id, @QueryParam("asOf") String asOf,
            @QueryParam("state") @DefaultValue("false") boolean state, @QueryParam("fromVersion") Long fromVersion,
            @QueryParam("direction") @DefaultValue("forward") String direction, @QueryParam("limit") Integer limit) {
        if (asOf != null || state) {
            return streams.state(type, id, asOf);
        }
        if (!direction.equals("forward") && !direction.equals("backward")) {
            throw new PlatformException(ErrorCode.BAD_QUERY, "direction is forward or backward.");
        }
        boolean forward = direction.equals("forward");
        int size = Page.checkLimit(limit);
        long from = fromVersion != null ? fromVersion : (forward ? 1 : 0);
        List<EventView> items = streams.read(type, id, from, forward, size);
        Long next = items.size() == size ? items.get(size - 1).version() + (forward ? 1 : -1) : null;
        return new StreamEvents(type, id, items, next);
    }

    /** One page of a stream; {@code nextFromVersion} is absent on the last page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StreamEvents(String streamType, String streamId, List<EventView> items, Long nextFromVersion) {}

    @POST
    @Roles({"admin", "operator"})
    public Response append(@PathParam("type") String type, @PathParam("id") String id, AppendRequest request) {
        AppendResult result = streams.append(type, id, request);
        return Response.status(result.idempotent() ? 200 : 201).entity(result)
                .header("ETag", "\"" + result.version() + "\"").build();
    }
}
