package org.agentplatform.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** A person who signs in. Only a password hash is kept, never the password. */
@Entity
@Table(name = "users", schema = "identity")
@NamedQuery(name = User.BY_USERNAME, query = "select u from User u where u.username = :username")
public class User {
    public static final String BY_USERNAME = "User.byUsername";

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, length = 100)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    /** Comma-separated role names; a handful per user, read on every login. */
    @Column(nullable = false, length = 500)
    private String roles;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The user's own rate limits per endpoint class, {@code read=100/60,write=20/60}; null for the defaults. */
    @Column(name = "rate_limits", length = 200)
    private String rateLimits;

    protected User() {}

    public User(String username, String passwordHash, Set<String> roles, Instant now) {
        this.id = UUID.randomUUID();
        this.username = Objects.requireNonNull(username);
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.roles = String.join(",", new TreeSet<>(roles));
        this.enabled = true;
        this.createdAt = now;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Set<String> roles() {
        return roles.isEmpty() ? new TreeSet<>() : new TreeSet<>(Arrays.asList(roles.split(",")));
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String rateLimits() {
        return rateLimits;
    }
}
