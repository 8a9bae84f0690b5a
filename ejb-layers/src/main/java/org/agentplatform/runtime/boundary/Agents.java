package org.agentplatform.runtime.boundary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.agentplatform.eventstore.boundary.AppendResult;
import org.agentplatform.eventstore.boundary.EventStore;
import org.agentplatform.eventstore.entity.EventMetadata;
import org.agentplatform.eventstore.entity.EventType;
import org.agentplatform.eventstore.entity.EventType.StreamType;
import org.agentplatform.eventstore.entity.ExpectedVersion;
import org.agentplatform.eventstore.entity.NewEvent;
import org.agentplatform.kernel.CorrelationId;
import org.agentplatform.kernel.Cursor;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.Page;
import org.agentplatform.kernel.PlatformException;
import org.agentplatform.runtime.control.AgentLifecycle;
import org.agentplatform.runtime.control.AgentState;
import org.agentplatform.runtime.entity.Agent;
import org.agentplatform.runtime.entity.AgentStatus;
import org.agentplatform.runtime.entity.AgentType;

/**
 * Agents: create, read, list, rename, change status. Every change is an event in the agent's stream
 * (AgentCreated, AgentRenamed, AgentStatusChanged); {@code runtime.agents} is their projection,
 * updated in the same transaction. Names are unique; the lifecycle table decides which status may
 * follow which; a stale expected version (If-Match) is refused and writes nothing.
 */
@Stateless
@RolesAllowed({"admin", "operator", "developer", "auditor", "viewer"})
public class Agents {
    private static final ObjectMapper JSON = new ObjectMapper();

    @PersistenceContext(unitName = "platform")
    EntityManager em;

    @Inject
    EventStore events;

    @Resource
    SessionContext caller;

    Clock clock = Clock.systemUTC();

    @RolesAllowed({"admin", "operator", "developer"})
    public AgentView create(@NotNull(message = "A JSON body is required.") @Valid AgentRequest request) {
        AgentType type = AgentType.fromWire(request.agentType()).orElseThrow();
        checkNameFree(request.name());
        Agent agent = new Agent(request.name(), type, clock.instant());
        ObjectNode payload = JSON.createObjectNode()
                .put("name", agent.name()).put("did", agent.did()).put("agentType", type.wireName());
        AppendResult result = events.append(StreamType.AGENT, agent.id().toString(), ExpectedVersion.NO_STREAM,
                List.of(NewEvent.of(EventType.AGENT_CREATED, payload)), metadata());
        return new AgentView(agent.id().toString(), agent.did(), agent.name(), type.wireName(), AgentStatus.CREATED.wireName(),
                result.recordedAt(), result.recordedAt(), result.version());
    }

    /**
     * Renames and/or changes the status. {@code expectedVersion} (the If-Match of the API) is
     * checked by the event store; without it the version read here is expected, so a concurrent
     * change in between is refused too.
     */
    @RolesAllowed({"admin", "operator", "developer"})
    public AgentView change(String id, @NotNull(message = "A JSON body is required.") @Valid AgentPatch patch,
            Long expectedVersion) {
        AgentView current = find(id);
        long expected = expectedVersion != null ? expectedVersion : current.version();
        AgentStatus status = AgentStatus.valueOf(current.status().toUpperCase(Locale.ROOT));
        List<NewEvent> changes = new ArrayList<>();
        if (patch.name() != null && !patch.name().equals(current.name())) {
            if (status == AgentStatus.TERMINATED) {
                throw new PlatformException(ErrorCode.AGENT_TRANSITION_NOT_ALLOWED, "A terminated agent cannot be renamed.");
            }
            checkNameFree(patch.name());
            changes.add(NewEvent.of(EventType.AGENT_RENAMED, JSON.createObjectNode().put("from", current.name()).put("to", patch.name())));
        }
        if (patch.status() != null && !patch.status().equals(current.status())) {
            AgentStatus to = AgentStatus.valueOf(patch.status().toUpperCase(Locale.ROOT));
            if (!AgentLifecycle.allows(status, to)) {
                throw new PlatformException(ErrorCode.AGENT_TRANSITION_NOT_ALLOWED,
                        "An agent that is " + current.status() + " cannot become " + patch.status() + ".",
                        Map.of("status", current.status(),
                                "allowed", AgentLifecycle.next(status).stream().map(AgentStatus::wireName).sorted().toList()));
            }
            ObjectNode payload = JSON.createObjectNode().put("from", current.status()).put("to", patch.status());
            if (patch.reason() != null) {
                payload.put("reason", patch.reason());
            }
            changes.add(NewEvent.of(EventType.AGENT_STATUS_CHANGED, payload));
        }
        if (changes.isEmpty()) {
            if (expected != current.version()) {
                throw new PlatformException(ErrorCode.VERSION_CONFLICT, "The agent is at version " + current.version()
                        + ", not at " + expected + ": read it again and retry.", Map.of("currentVersion", current.version()));
            }
            return current;
        }
        AppendResult result = events.append(StreamType.AGENT, id, ExpectedVersion.exactly(expected), changes, metadata());
        String name = patch.name() != null ? patch.name() : current.name();
        String newStatus = patch.status() != null ? patch.status() : current.status();
        return new AgentView(current.id(), current.did(), name, current.agentType(), newStatus, current.createdAt(),
                result.recordedAt(), result.version());
    }

    public AgentView find(String id) {
        return parse(id).map(uuid -> em.find(Agent.class, uuid)).map(AgentView::of)
                .orElseThrow(() -> new PlatformException(ErrorCode.AGENT_NOT_FOUND, "No agent has the id '" + id + "'."));
    }

    /** Agents in creation order, the order the API promises. */
    public Page<AgentView> list(Integer limit, String cursor) {
        return page(limit, cursor, Agent.FIRST_PAGE, Agent.PAGE_AFTER);
    }

    /** Agents newest first, as the console shows them. */
    public Page<AgentView> listNewestFirst(Integer limit, String cursor) {
        return page(limit, cursor, Agent.NEWEST_FIRST_PAGE, Agent.NEWEST_PAGE_AFTER);
    }

    public long count() {
        return em.createQuery("select count(a) from Agent a", Long.class).getSingleResult();
    }

    private Page<AgentView> page(Integer limit, String cursor, String firstPage, String pageAfter) {
        int size = Page.checkLimit(limit);
        TypedQuery<Agent> query;
        if (cursor == null || cursor.isBlank()) {
            query = em.createNamedQuery(firstPage, Agent.class);
        } else {
            Cursor after = Cursor.decode(cursor);
            query = em.createNamedQuery(pageAfter, Agent.class)
                    .setParameter("createdAt", after.createdAt()).setParameter("id", after.id());
        }
        List<Agent> rows = query.setMaxResults(size + 1).getResultList();
        boolean more = rows.size() > size;
        List<Agent> items = more ? rows.subList(0, size) : rows;
        String next = more ? new Cursor(items.get(size - 1).createdAt(), items.get(size - 1).id()).encode() : null;
        return new Page<>(items.stream().map(AgentView::of).toList(), next);
    }

    private void checkNameFree(String name) {
        if (!em.createQuery("select a.id from Agent a where a.name = :name").setParameter("name", name).getResultList().isEmpty()) {
            throw new PlatformException(ErrorCode.AGENT_NAME_TAKEN, "An agent named '" + name + "' exists already: choose another name.");
        }
    }

    private EventMetadata metadata() {
        return new EventMetadata("user:" + caller.getCallerPrincipal().getName(), CorrelationId.current(), null, null);
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
