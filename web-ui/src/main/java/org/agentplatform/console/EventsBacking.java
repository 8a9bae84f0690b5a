package org.agentplatform.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.agentplatform.eventstore.boundary.EventFilter;
import org.agentplatform.eventstore.boundary.EventStore;
import org.agentplatform.eventstore.boundary.EventView;
import org.agentplatform.eventstore.boundary.StreamStateView;
import org.agentplatform.eventstore.boundary.Streams;
import org.agentplatform.eventstore.entity.EventType;
import org.agentplatform.gateway.security.RequestIds;
import org.agentplatform.kernel.PlatformException;

/**
 * console/events.xhtml: all events in position order, filtered, page by page ("load more" continues
 * after the last position shown); one event's details; one stream's history and its state as of a
 * position or a time. Times are entered and shown in UTC.
 *
 * <p>The same roles as {@code GET /api/v1/events} may read (the event store boundary itself is open
 * to every caller). Only serializable snapshots are kept, so the view survives a failover.
 */
@Named
@ViewScoped
public class EventsBacking implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int PAGE = 50;
    static final List<String> READERS = List.of("admin", "operator", "developer", "auditor");
    private static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter();
    private static final int SUMMARY_LENGTH = 120;
    private static final Logger LOG = Logger.getLogger(EventsBacking.class.getName());

    @Inject
    EventStore store;

    @Inject
    Streams streams;

    private boolean allowed;

    private List<String> types = new ArrayList<>();
    private String streamType;
    private String streamId;
    private LocalDateTime from;
    private LocalDateTime to;
    private Query query = Query.ALL;
    private final List<EventRow> rows = new ArrayList<>();
    private long cursor;
    private boolean moreAvailable;

    private EventRow selected;

    private String shownStreamType;
    private String shownStreamId;
    private String panelStreamType = EventType.StreamType.AGENT;
    private String panelStreamId;
    private final List<EventRow> history = new ArrayList<>();
    private Long nextHistoryVersion;
    private Long asOfPosition;
    private LocalDateTime asOfTime;
    private StreamState state;

    /** An event as the page shows it: JSON already pretty-printed, a one-line summary for the table. */
    public record EventRow(long position, String streamType, String streamId, long version, String eventId, String type,
            int schemaVersion, String recordedAt, String summary, String payload, String metadata) implements Serializable {

        static EventRow of(EventView e) {
            String line = e.payload() == null ? "" : e.payload().toString();
            String summary = line.length() > SUMMARY_LENGTH ? line.substring(0, SUMMARY_LENGTH - 1) + "…" : line;
            return new EventRow(e.position(), e.streamType(), e.streamId(), e.version(), e.eventId(), e.type(),
                    e.schemaVersion(), e.recordedAt(), summary, pretty(e.payload()), pretty(e.metadata()));
        }
    }

    /** The filter applied to the list shown, which "load more" continues (the inputs may have changed since). */
    record Query(List<String> types, String streamType, String streamId, Instant from, Instant to) implements Serializable {
        static final Query ALL = new Query(List.of(), null, null, null, null);

        EventFilter filter() {
            return new EventFilter(types, streamType, streamId, from, to);
        }
    }

    /** A stream's state as the page shows it. */
    public record StreamState(String asOf, long version, long lastPosition, String json) implements Serializable {}

    /** f:viewAction: the first page, and the stream named by {@code ?streamType=&streamId=}, if any. */
    public void load() {
        FacesContext faces = FacesContext.getCurrentInstance();
        allowed = READERS.stream().anyMatch(faces.getExternalContext()::isUserInRole);
        if (!allowed) {
            error("E9103", "Your roles do not allow reading events (admin, operator, developer or auditor may).");
            return;
        }
        more();
        Map<String, String> parameters = faces.getExternalContext().getRequestParameterMap();
        String id = blankToNull(parameters.get("streamId"));
        if (id != null) {
            String type = blankToNull(parameters.get("streamType"));
            openStream(type == null ? EventType.StreamType.AGENT : type, id);
        }
    }

    /** Applies the filter: the list starts again at the first matching event. */
    public void search() {
        if (from != null && to != null && !from.isBefore(to)) {
            error("E9005", "From must be before To.");
            return;
        }
        query = new Query(List.copyOf(types), blankToNull(streamType), blankToNull(streamId), utc(from), utc(to));
        rows.clear();
        cursor = 0;
        moreAvailable = false;
        more();
    }

    public void clearFilter() {
        types = new ArrayList<>();
        streamType = null;
        streamId = null;
        from = null;
        to = null;
        search();
    }

    /** The next page after the last position shown. */
    public void more() {
        if (!allowed) {
            return;
        }
        try {
            List<EventRow> page = store.readAll(query.filter(), cursor, PAGE).stream().map(EventView::of).map(EventRow::of).toList();
            rows.addAll(page);
            if (!page.isEmpty()) {
                cursor = page.get(page.size() - 1).position();
            }
            moreAvailable = page.size() == PAGE;
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** Opens an event's details. */
    public void select(EventRow row) {
        selected = row;
    }

    /** Shows the stream of an event (from the list or the details). */
    public void openStream(String type, String id) {
        panelStreamType = type;
        panelStreamId = id;
        asOfPosition = null;
        asOfTime = null;
        showStream();
    }

    /** Shows the stream entered in the stream panel: its first page of history and its current state. */
    public void showStream() {
        if (panelStreamId == null || panelStreamId.isBlank()) {
            error("E9005", "Enter a stream id.");
            return;
        }
        shownStreamType = panelStreamType;
        shownStreamId = panelStreamId.strip();
        history.clear();
        nextHistoryVersion = 1L;
        state = null;
        if (readHistory()) {
            showState();
        }
    }

    /** The next page of the shown stream's history. */
    public void moreHistory() {
        readHistory();
    }

    private boolean readHistory() {
        if (shownStreamId == null || nextHistoryVersion == null) {
            return false;
        }
        try {
            List<EventRow> page = streams.read(shownStreamType, shownStreamId, nextHistoryVersion, true, PAGE).stream()
                    .map(EventRow::of).toList();
            history.addAll(page);
            nextHistoryVersion = page.size() == PAGE ? page.get(page.size() - 1).version() + 1 : null;
            return true;
        } catch (RuntimeException e) {
            nextHistoryVersion = null;
            fail(e);
            return false;
        }
    }

    /** The shown stream's state as of the position or the time entered (now when neither is). */
    public void showState() {
        if (shownStreamId == null) {
            return;
        }
        if (asOfPosition != null && asOfTime != null) {
            error("E9005", "Choose a position or a time, not both.");
            return;
        }
        String asOf = asOfPosition != null ? Long.toString(asOfPosition) : asOfTime != null ? utc(asOfTime).toString() : null;
        try {
            StreamStateView view = streams.state(shownStreamType, shownStreamId, asOf);
            String label = view.asOfPosition() != null ? "position " + view.asOfPosition()
                    : view.asOfTime() != null ? view.asOfTime() : "now";
            state = new StreamState(label, view.version(), view.lastPosition(), pretty(view.state()));
        } catch (RuntimeException e) {
            state = null;
            fail(e);
        }
    }

    /** The shown stream's state right after one of its events. */
    public void stateAt(EventRow row) {
        asOfPosition = row.position();
        asOfTime = null;
        showState();
    }

    /** A failure the user can act on becomes its message; anything else is logged with the request id. */
    private static void fail(RuntimeException e) {
        Throwable cause = e instanceof EJBException && !(e instanceof EJBAccessException) && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof PlatformException p) {
            error(p.errorCode().code(), p.getMessage());
        } else if (cause instanceof EJBAccessException) {
            error("E9103", "Your roles do not allow this.");
        } else {
            String requestId = RequestIds.current();
            LOG.log(Level.SEVERE, "Events page failed requestId=" + requestId, e);
            error("E9500", "An internal error occurred; quote request id " + requestId + " when reporting it.");
        }
    }

    private static void error(String code, String message) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, code, message));
        faces.validationFailed();
    }

    private static String pretty(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    private static Instant utc(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public boolean isAllowed() {
        return allowed;
    }

    public List<String> getEventTypes() {
        return Arrays.stream(EventType.values()).map(EventType::wireName).sorted().toList();
    }

    public List<String> getStreamTypes() {
        return Arrays.stream(EventType.values()).map(EventType::streamType).distinct().sorted().toList();
    }

    public List<EventRow> getRows() {
        return rows;
    }

    public boolean isMoreAvailable() {
        return moreAvailable;
    }

    public EventRow getSelected() {
        return selected;
    }

    public boolean isStreamShown() {
        return shownStreamId != null;
    }

    public String getShownStream() {
        return shownStreamId == null ? "" : shownStreamType + "/" + shownStreamId;
    }

    public List<EventRow> getHistory() {
        return history;
    }

    public boolean isMoreHistoryAvailable() {
        return nextHistoryVersion != null && !history.isEmpty();
    }

    public StreamState getState() {
        return state;
    }

    public List<String> getTypes() {
        return types;
    }

    public void setTypes(List<String> types) {
        this.types = types == null ? new ArrayList<>() : new ArrayList<>(types);
    }

    public String getStreamType() {
        return streamType;
    }

    public void setStreamType(String streamType) {
        this.streamType = streamType;
    }

    public String getStreamId() {
        return streamId;
    }

    public void setStreamId(String streamId) {
        this.streamId = streamId;
    }

    public LocalDateTime getFrom() {
        return from;
    }

    public void setFrom(LocalDateTime from) {
        this.from = from;
    }

    public LocalDateTime getTo() {
        return to;
    }

    public void setTo(LocalDateTime to) {
        this.to = to;
    }

    public String getPanelStreamType() {
        return panelStreamType;
    }

    public void setPanelStreamType(String panelStreamType) {
        this.panelStreamType = panelStreamType;
    }

    public String getPanelStreamId() {
        return panelStreamId;
    }

    public void setPanelStreamId(String panelStreamId) {
        this.panelStreamId = panelStreamId;
    }

    public Long getAsOfPosition() {
        return asOfPosition;
    }

    public void setAsOfPosition(Long asOfPosition) {
        this.asOfPosition = asOfPosition;
    }

    public LocalDateTime getAsOfTime() {
        return asOfTime;
    }

    public void setAsOfTime(LocalDateTime asOfTime) {
        this.asOfTime = asOfTime;
    }
}
