package org.agentplatform.runtime.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.agentplatform.kernel.Cursor;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.Page;
import org.agentplatform.kernel.PlatformException;
import org.agentplatform.runtime.entity.Agent;
import org.agentplatform.runtime.entity.AgentType;

/**
 * Agents: create, read, list. Names are unique; a refused request writes nothing. The event store
 * issue replaces the direct writes with events behind this same boundary.
 */
@Stateless
@RolesAllowed({"admin", "operator", "developer", "auditor", "viewer"})
public class Agents {

    @PersistenceContext(unitName = "platform")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    @RolesAllowed({"admin", "operator", "developer"})
    public AgentView create(@NotNull(message = "A JSON body is required.") @Valid AgentRequest request) {
        AgentType type = AgentType.fromWire(request.agentType()).orElseThrow();
        if (!em.createQuery("select a.id from Agent a where a.name = :name")
                .setParameter("name", request.name()).getResultList().isEmpty()) {
            throw new PlatformException(ErrorCode.AGENT_NAME_TAKEN,
                    "An agent named '" + request.name() + "' exists already: choose another name.");
        }
        Agent agent = new Agent(request.name(), type, clock.instant());
        em.persist(agent);
        try {
            em.flush();
        } catch (PersistenceException e) {
            // Two creates with the same name raced past the check above: the unique index decided.
            throw new PlatformException(ErrorCode.AGENT_NAME_TAKEN,
                    "An agent named '" + request.name() + "' exists already: choose another name.");
        }
        return AgentView.of(agent);
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

    public long count() {
        return em.createQuery("select count(a) from Agent a", Long.class).getSingleResult();
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
