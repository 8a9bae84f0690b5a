package org.agentplatform.console;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.agentplatform.eventstore.boundary.ParkedEventView;
import org.agentplatform.eventstore.boundary.ProjectionView;
import org.agentplatform.eventstore.boundary.Projections;
import org.agentplatform.eventstore.boundary.ReplayResult;
import org.agentplatform.eventstore.boundary.SubscriptionView;
import org.agentplatform.eventstore.boundary.SubscriptionView.PartitionView;
import org.agentplatform.eventstore.boundary.Subscriptions;
import org.agentplatform.gateway.security.RequestIds;
import org.agentplatform.kernel.PlatformException;

/**
 * console/subscriptions.xhtml: each consumer group with its lag and partitions, the parked events of
 * the group chosen with replay and skip, and the projections with rebuild and its progress. The
 * boundaries decide who may act (admin, operator); the page only hides the buttons from others.
 * Only serializable snapshots are kept, so the view survives a failover.
 */
@Named
@ViewScoped
public class SubscriptionsBacking implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SubscriptionsBacking.class.getName());
    static final String REBUILDING = "rebuilding";

    @Inject
    Subscriptions subscriptions;

    @Inject
    Projections projections;

    private List<Group> groups = List.of();
    private String selectedGroup;
    private List<Parked> parked = List.of();
    private List<Projection> projectionRows = List.of();

    /** A consumer group as the page shows it. */
    public record Group(String group, String description, String eventTypes, String streamType, int partitionCount,
            int maxAttempts, long lastPosition, long lag, long parked, List<Partition> partitions) implements Serializable {

        static Group of(SubscriptionView v) {
            return new Group(v.group(), v.description(),
                    v.eventTypes() == null || v.eventTypes().isEmpty() ? "all" : String.join(", ", v.eventTypes()),
                    v.streamType() == null ? "all" : v.streamType(), v.partitions(), v.maxAttempts(), v.lastPosition(), v.lag(),
                    v.parked(), v.partitionStates() == null ? List.of() : v.partitionStates().stream().map(Partition::of).toList());
        }
    }

    /** One partition: its checkpoint, which instance holds its lease and until when. */
    public record Partition(int partition, long checkpoint, String owner, String leaseUntil, long lag) implements Serializable {

        static Partition of(PartitionView v) {
            return new Partition(v.partition(), v.checkpoint(), v.owner() == null ? "none" : v.owner(),
                    v.leaseUntil() == null ? "-" : v.leaseUntil(), v.lag());
        }
    }

    /** An event the group gave up on, with its last error. */
    public record Parked(long position, String eventId, String eventType, String streamType, String streamId, int partition,
            int attempts, String error, String parkedAt) implements Serializable {

        static Parked of(ParkedEventView v) {
            return new Parked(v.position(), v.eventId(), v.eventType(), v.streamType(), v.streamId(), v.partition(), v.attempts(),
                    v.error(), v.parkedAt());
        }
    }

    /** A read model and, while it is rebuilt, its progress in percent. */
    public record Projection(String name, String kind, String status, long position, long lastPosition, int percent)
            implements Serializable {

        static Projection of(ProjectionView v) {
            int percent = (int) Math.max(0, Math.min(100, Math.floor(v.progress() * 100)));
            return new Projection(v.name(), v.kind(), v.status(), v.position(), v.lastPosition(), percent);
        }

        public boolean rebuilding() {
            return REBUILDING.equals(status);
        }
    }

    /** f:viewAction. */
    public void load() {
        refresh();
    }

    /** Reads groups, projections and the chosen group's parked events again. */
    public void refresh() {
        try {
            groups = subscriptions.list().stream().map(Group::of).toList();
            projectionRows = projections.list().stream().map(Projection::of).toList();
            if (selectedGroup != null) {
                parked = subscriptions.parked(selectedGroup).stream().map(Parked::of).toList();
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** p:poll while a projection is rebuilt: its progress, and the lag of its group. */
    public void poll() {
        refresh();
    }

    public void showParked(String group) {
        selectedGroup = group;
        parked = List.of();
        refresh();
    }

    public void replay(Parked event) {
        try {
            report(subscriptions.replay(selectedGroup, event.position()), "Event " + event.position());
        } catch (RuntimeException e) {
            fail(e);
        }
        refresh();
    }

    public void replayAll() {
        try {
            report(subscriptions.replayAll(selectedGroup), "The parked events of " + selectedGroup);
        } catch (RuntimeException e) {
            fail(e);
        }
        refresh();
    }

    public void skip(Parked event) {
        try {
            subscriptions.skip(selectedGroup, event.position());
            message(FacesMessage.SEVERITY_INFO, "Skipped", "Event " + event.position() + " is no longer parked for "
                    + selectedGroup + "; it will not be delivered to it again.");
        } catch (RuntimeException e) {
            fail(e);
        }
        refresh();
    }

    public void rebuild(String name) {
        try {
            ProjectionView view = projections.rebuild(name);
            message(FacesMessage.SEVERITY_INFO, "Rebuild started", name + (REBUILDING.equals(view.status())
                    ? " is rebuilt from position 0 in the background." : " was rebuilt from position 0."));
        } catch (RuntimeException e) {
            fail(e);
        }
        refresh();
    }

    private static void report(ReplayResult result, String what) {
        if (result.failed() == 0) {
            message(FacesMessage.SEVERITY_INFO, "Replayed", what + ": " + result.replayed() + " delivered.");
        } else {
            message(FacesMessage.SEVERITY_WARN, "Failed again", what + ": " + result.replayed() + " delivered, "
                    + result.failed() + " failed again and stay parked (see the error column).");
        }
    }

    /** A failure the user can act on becomes its message; anything else is logged with the request id. */
    private static void fail(RuntimeException e) {
        Throwable cause = e instanceof EJBException && !(e instanceof EJBAccessException) && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof PlatformException p) {
            message(FacesMessage.SEVERITY_ERROR, p.errorCode().code(), p.getMessage());
        } else if (cause instanceof EJBAccessException) {
            message(FacesMessage.SEVERITY_ERROR, "E9103", "Your roles do not allow this (admin, operator or auditor may look,"
                    + " admin or operator may act).");
        } else {
            String requestId = RequestIds.current();
            LOG.log(Level.SEVERE, "Subscriptions page failed requestId=" + requestId, e);
            message(FacesMessage.SEVERITY_ERROR, "E9500", "An internal error occurred; quote request id " + requestId
                    + " when reporting it.");
        }
    }

    private static void message(FacesMessage.Severity severity, String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, summary, detail));
    }

    public List<Group> getGroups() {
        return groups;
    }

    public String getSelectedGroup() {
        return selectedGroup;
    }

    public List<Parked> getParked() {
        return parked;
    }

    public List<Projection> getProjections() {
        return projectionRows;
    }

    public boolean isAnyRebuilding() {
        return projectionRows.stream().anyMatch(Projection::rebuilding);
    }
}
