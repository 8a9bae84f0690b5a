package org.agentplatform.runtime.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An agent: a named identity with a DID ({@code did:agent:{name}:{hex8}}) and a lifecycle status.
 * The name is unique and matches {@link #NAME}; the DID never changes once issued.
 */
@Entity
@Table(name = "agents", schema = "runtime")
@NamedQuery(name = Agent.FIRST_PAGE, query = "select a from Agent a order by a.createdAt, a.id")
@NamedQuery(name = Agent.NEWEST_FIRST_PAGE, query = "select a from Agent a order by a.createdAt desc, a.id desc")
@NamedQuery(
        name = Agent.NEWEST_PAGE_AFTER,
        query = "select a from Agent a where a.createdAt < :createdAt or (a.createdAt = :createdAt and a.id < :id)"
                + " order by a.createdAt desc, a.id desc")
@NamedQuery(
        name = Agent.PAGE_AFTER,
        query = "select a from Agent a where a.createdAt > :createdAt or (a.createdAt = :createdAt and a.id > :id)"
                + " order by a.createdAt, a.id")
public class Agent {
    public static final String FIRST_PAGE = "Agent.firstPage";
    public static final String PAGE_AFTER = "Agent.pageAfter";
    public static final String NEWEST_FIRST_PAGE = "Agent.newestFirstPage";
    public static final String NEWEST_PAGE_AFTER = "Agent.newestPageAfter";
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, length = 100)
    private String name;

    @Column(nullable = false, unique = true, length = 140)
    private String did;

    @Enumerated(EnumType.STRING)
    @Column(name = "agent_type", nullable = false, length = 20)
    private AgentType agentType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private AgentStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Agent() {}

    public Agent(String name, AgentType agentType, Instant now) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must match " + NAME.pattern());
        }
        this.id = UUID.randomUUID();
        this.name = name;
        this.agentType = Objects.requireNonNull(agentType);
        this.did = "did:agent:" + name + ":" + HexFormat.of().toHexDigits(RANDOM.nextInt());
        this.status = AgentStatus.CREATED;
        // PostgreSQL keeps microseconds: truncate so the cursor of a row read back equals the one written.
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = this.createdAt;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String did() {
        return did;
    }

    public AgentType agentType() {
        return agentType;
    }

    public AgentStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
