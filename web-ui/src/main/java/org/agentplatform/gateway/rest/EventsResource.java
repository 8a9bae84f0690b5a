package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.agentplatform.eventstore.boundary.EventFilter;
import org.agentplatform.eventstore.boundary.EventStore;
import org.agentplatform.eventstore.boundary.EventView;
import org.agentplatform.gateway.security.Roles;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.Page;
import org.agentplatform.kernel.PlatformException;

/**
 * All events in global order: {@code GET /events?cursor=&limit=&types=A,B&streamType=&streamId=&from=&to=}.
 * The cursor is the position of the last event of the previous page.
 */
@Path("events")
@Produces(APPLICATION_JSON)
@Roles({"admin", "operator", "developer", "auditor"})
@ApplicationScoped
public class EventsResource {

    @Inject
    EventStore store;

    @GET
    public Page<EventView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
            @QueryParam("types") String types, @QueryParam("streamType") String streamType,
            @QueryParam("streamId") String streamId, @QueryParam("from") String from, @QueryParam("to") String to) {
        int size = Page.checkLimit(limit);
        long after = position(cursor);
        List<String> typeList = types == null || types.isBlank() ? List.of() : Arrays.stream(types.split(",")).map(String::strip).toList();
        List<EventView> items = store.readAll(new EventFilter(typeList, streamType, streamId, time("from", from), time("to", to)), after, size)
                .stream().map(EventView::of).toList();
        String next = items.size() == size ? Long.toString(items.get(size - 1).position()) : null;
        return new Page<>(items, next);
    }

    static long position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            long position = Long.parseLong(cursor);
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new PlatformException(ErrorCode.BAD_QUERY, "cursor is a position: pass nextCursor from a previous page.");
    }

    static Instant time(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new PlatformException(ErrorCode.BAD_QUERY, name + " is an ISO-8601 time such as 2026-11-25T10:00:00Z.");
        }
    }
}
