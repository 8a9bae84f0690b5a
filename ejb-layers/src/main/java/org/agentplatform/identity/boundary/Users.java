package org.agentplatform.identity.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.agentplatform.identity.control.PasswordHasher;
import org.agentplatform.identity.entity.User;

/**
 * The platform's users and their password check. Hashes are argon2id at OWASP's minimum (19 MiB, 2
 * passes); hashes of the foundation release (PBKDF2-HMAC-SHA512, 210,000 iterations) still verify and
 * are replaced by argon2id at the user's next sign-in. An unknown username costs the same time as a
 * wrong password, so timing does not tell which usernames exist.
 */
@Stateless
@PermitAll
public class Users {
    static final Map<String, String> HASH_PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "16",
            "Pbkdf2PasswordHash.KeySizeBytes", "64");
    private static final Logger LOG = Logger.getLogger(Users.class.getName());

    @PersistenceContext(unitName = "platform")
    EntityManager em;

    @Inject
    Pbkdf2PasswordHash hash;

    private static final PasswordHasher ARGON2 = PasswordHasher.owaspMinimum();
    private static final String DUMMY_HASH = ARGON2.hash(UUID.randomUUID().toString().toCharArray());

    @PostConstruct
    void init() {
        hash.initialize(HASH_PARAMETERS);
    }

    public Optional<SignedInUser> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        Optional<User> user = em.createNamedQuery(User.BY_USERNAME, User.class)
                .setParameter("username", username).getResultStream().findFirst();
        String stored = user.map(User::passwordHash).orElse(DUMMY_HASH);
        boolean valid = stored.startsWith(PasswordHasher.PREFIX)
                ? ARGON2.verify(password.toCharArray(), stored)
                : hash.verify(password.toCharArray(), stored);
        if (valid && user.isPresent() && ARGON2.needsRehash(stored)) {
            em.createNativeQuery("update identity.users set password_hash = ? where username = ?")
                    .setParameter(1, ARGON2.hash(password.toCharArray())).setParameter(2, username).executeUpdate();
            LOG.info(() -> "Upgraded the password hash of '" + username + "' to argon2id");
        }
        return user.filter(u -> valid && u.enabled()).map(u -> new SignedInUser(u.username(), u.roles()));
    }

    /** An enabled user's roles, for a token refresh; empty when the user is gone or disabled. */
    public Optional<SignedInUser> find(String username) {
        return em.createNamedQuery(User.BY_USERNAME, User.class).setParameter("username", username).getResultStream()
                .filter(User::enabled).findFirst().map(u -> new SignedInUser(u.username(), u.roles()));
    }

    /** Creates the user unless it exists; safe when both instances start at once. */
    public void ensure(String username, String password, Set<String> roles) {
        int inserted = em.createNativeQuery("insert into identity.users (id, username, password_hash, roles, enabled, created_at)"
                        + " values (?, ?, ?, ?, true, ?) on conflict (username) do nothing")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, username)
                .setParameter(3, ARGON2.hash(password.toCharArray()))
                .setParameter(4, String.join(",", roles))
                .setParameter(5, java.sql.Timestamp.from(Instant.now()))
                .executeUpdate();
        if (inserted == 1) {
            LOG.info(() -> "Created user '" + username + "' with roles " + roles);
        }
    }
}
