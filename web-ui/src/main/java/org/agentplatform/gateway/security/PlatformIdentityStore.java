package org.agentplatform.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.agentplatform.identity.boundary.Users;

/** Checks usernames and passwords against the platform's users (console sign-in). */
@ApplicationScoped
public class PlatformIdentityStore implements IdentityStore {

    @Inject
    Users users;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return users.authenticate(credential.getCaller(), credential.getPasswordAsString())
                .map(u -> new CredentialValidationResult(u.username(), u.roles()))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
