package org.agentplatform.gateway.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.agentplatform.identity.boundary.SigningKeys;
import org.agentplatform.identity.control.AccessTokenVerifier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gateway's access-token verifier (ADR 0001): the platform's JWKS from {@link SigningKeys}, parsed
 * once and kept for {@code identity.jwks-max-age-seconds} (the max-age the JWKS endpoint announces),
 * issuer and audience from {@code mp.jwt.verify.issuer} / {@code mp.jwt.verify.audiences}, a clock skew
 * of {@code identity.clock-skew-seconds} (30).
 */
@ApplicationScoped
public class AccessTokens {

    @Inject
    SigningKeys signingKeys;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "agent-platform")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "agent-platform-api")
    String audience;

    @Inject
    @ConfigProperty(name = "identity.jwks-max-age-seconds", defaultValue = "60")
    long maxAgeSeconds;

    @Inject
    @ConfigProperty(name = "identity.clock-skew-seconds", defaultValue = "30")
    long clockSkewSeconds;

    private AccessTokenVerifier verifier;

    @PostConstruct
    void init() {
        verifier = new AccessTokenVerifier(signingKeys::jwksJson, issuer, audience, Duration.ofSeconds(maxAgeSeconds),
                Duration.ofSeconds(clockSkewSeconds), Clock.systemUTC());
    }

    public Optional<AccessTokenVerifier.Verified> verify(String token) {
        return verifier.verify(token);
    }
}
