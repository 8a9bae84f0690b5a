package org.agentplatform.identity.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserTest {
    private static final Instant NOW = Instant.parse("2025-11-25T18:43:12Z");

    @Test
    void rolesAreTheGivenRoles() {
        User cut = new User("alice", "hash", Set.of("operator", "admin", "viewer"), NOW);

        assertEquals(Set.of("admin", "operator", "viewer"), cut.roles());
    }

    @Test
    void rolesComeBackSorted() {
        User cut = new User("alice", "hash", Set.of("viewer", "admin", "operator"), NOW);

        assertEquals(List.of("admin", "operator", "viewer"), List.copyOf(cut.roles()));
    }

    @Test
    void singleRoleIsOneRole() {
        assertEquals(Set.of("admin"), new User("root", "hash", Set.of("admin"), NOW).roles());
    }

    @Test
    void changingTheReturnedRolesDoesNotChangeTheUser() {
        User cut = new User("alice", "hash", Set.of("viewer"), NOW);

        cut.roles().add("admin");

        assertEquals(Set.of("viewer"), cut.roles());
    }

    @Test
    void userWithoutRolesHasNoRoles() {
        assertTrue(new User("nobody", "hash", Set.of(), NOW).roles().isEmpty());
    }

    @Test
    void newUserIsEnabledAndKeepsItsNameAndHash() {
        User cut = new User("alice", "pbkdf2-hash", Set.of("viewer"), NOW);

        assertTrue(cut.enabled());
        assertEquals("alice", cut.username());
        assertEquals("pbkdf2-hash", cut.passwordHash());
    }

    @Test
    void usernameAndHashAreRequired() {
        assertThrows(NullPointerException.class, () -> new User(null, "hash", Set.of("viewer"), NOW));
        assertThrows(NullPointerException.class, () -> new User("alice", null, Set.of("viewer"), NOW));
    }
}
