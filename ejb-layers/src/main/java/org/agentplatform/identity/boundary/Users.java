package org.agentplatform.identity.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;
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
 * The platform's users and their password check. Hashes are argon2id at OWASP's minimum (7 MiB, 5
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

    @Inject
    Revocations revocations;

    @Inject
    RefreshTokens refreshTokens;

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
        return user.filter(u -> valid && u.enabled()).map(u -> new SignedInUser(u.username(), u.roles(), u.rateLimits()));
    }

    /** An enabled user's roles, for a token refresh; empty when the user is gone or disabled. */
    public Optional<SignedInUser> find(String username) {
        return em.createNamedQuery(User.BY_USERNAME, User.class).setParameter("username", username).getResultStream()
                .filter(User::enabled).findFirst().map(u -> new SignedInUser(u.username(), u.roles(), u.rateLimits()));
    }

    @RolesAllowed("admin")
    public UserView create(@NotNull(message = "A JSON body is required.") @Valid UserRequest request) {
        if (request.username() == null || request.password() == null || request.roles() == null || request.roles().isEmpty()) {
            throw new PlatformException(ErrorCode.USER_INVALID, "username, password and at least one role are required.");
        }
        int inserted = em.createNativeQuery("insert into identity.users (id, username, password_hash, roles, enabled, created_at,"
                        + " rate_limits) values (?, ?, ?, ?, true, ?, ?) on conflict (username) do nothing")
                .setParameter(1, UUID.randomUUID()).setParameter(2, request.username())
                .setParameter(3, ARGON2.hash(request.password().toCharArray()))
                .setParameter(4, String.join(",", new java.util.TreeSet<>(request.roles())))
                .setParameter(5, java.sql.Timestamp.from(Instant.now()))
                .setParameter(6, request.rateLimits() == null ? null : UserRequest.limitsText(request.rateLimits())).executeUpdate();
        if (inserted == 0) {
            throw new PlatformException(ErrorCode.USER_EXISTS, "A user named '" + request.username() + "' exists already.");
        }
        return view(request.username());
    }

    @RolesAllowed("admin")
    public java.util.List<UserView> list() {
        return em.createQuery("select u from User u order by u.username", User.class).getResultStream()
                .map(Users::view).toList();
    }

    /** Changes roles, enabled or password; disabling or a new password signs the user out everywhere. */
    @RolesAllowed("admin")
    public UserView update(String username, @NotNull(message = "A JSON body is required.") @Valid UserRequest change) {
        view(username);
        if (change.roles() != null) {
            if (change.roles().isEmpty()) {
                throw new PlatformException(ErrorCode.USER_INVALID, "roles needs at least one role.");
            }
            em.createNativeQuery("update identity.users set roles = ? where username = ?")
                    .setParameter(1, String.join(",", new java.util.TreeSet<>(change.roles()))).setParameter(2, username).executeUpdate();
        }
        if (change.enabled() != null) {
            em.createNativeQuery("update identity.users set enabled = ? where username = ?")
                    .setParameter(1, change.enabled()).setParameter(2, username).executeUpdate();
        }
        if (change.rateLimits() != null) {
            em.createNativeQuery("update identity.users set rate_limits = ? where username = ?")
                    .setParameter(1, UserRequest.limitsText(change.rateLimits())).setParameter(2, username).executeUpdate();
        }
        if (change.password() != null) {
            em.createNativeQuery("update identity.users set password_hash = ? where username = ?")
                    .setParameter(1, ARGON2.hash(change.password().toCharArray())).setParameter(2, username).executeUpdate();
        }
        if (Boolean.FALSE.equals(change.enabled()) || change.password() != null || change.roles() != null
                || change.rateLimits() != null) {
            revocations.revokeAllOf(username); // tokens carry roles: old ones must not outlive a change
            refreshTokens.revokeAllOf(username);
        }
        return view(username);
    }

    private UserView view(String username) {
        em.flush();
        em.clear();
        return em.createNamedQuery(User.BY_USERNAME, User.class).setParameter("username", username).getResultStream().findFirst()
                .map(Users::view)
                .orElseThrow(() -> new PlatformException(ErrorCode.USER_NOT_FOUND, "No user is named '" + username + "'."));
    }

    private static UserView view(User u) {
        return new UserView(u.username(), java.util.List.copyOf(u.roles()), u.enabled(), u.createdAt().toString(),
                UserRequest.limitsOf(u.rateLimits()));
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
