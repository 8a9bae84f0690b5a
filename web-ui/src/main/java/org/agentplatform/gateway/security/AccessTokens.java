package org.agentplatform.gateway.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.agentplatform.identity.boundary.SigningKeys;
import org.agentplatform.identity.control.AccessTokenVerifier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gateway's access-token verifier (ADR 0001): {@link SigningKeys#verifier}, its key set kept for
 * {@code identity.jwks-max-age-seconds} (the max-age the JWKS endpoint announces), a clock skew of
 * {@code identity.clock-skew-seconds} (30).
 */
@ApplicationScoped
public class AccessTokens {

    @Inject
    SigningKeys signingKeys;

    @Inject
    @ConfigProperty(name = "identity.jwks-max-age-seconds", defaultValue = "60")
    long maxAgeSeconds;

    @Inject
    @ConfigProperty(name = "identity.clock-skew-seconds", defaultValue = "30")
    long clockSkewSeconds;

    private AccessTokenVerifier verifier;

    @PostConstruct
    void init() {
        verifier = signingKeys.verifier(Duration.ofSeconds(maxAgeSeconds), Duration.ofSeconds(clockSkewSeconds));
    }

    public Optional<AccessTokenVerifier.Verified> verify(String token) {
        return verifier.verify(token);
    }
}
