package org.agentplatform.identity.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Singleton;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import org.agentplatform.identity.control.SecretFiles;
import org.agentplatform.identity.control.TokenSigner;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Exchanges a username and password for a signed access token. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class Tokens {
    private static final Logger LOG = Logger.getLogger(Tokens.class.getName());

    @Inject
    Users users;

    @Inject
    @ConfigProperty(name = "platform.secrets-dir")
    String secretsDir;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "agent-platform")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "agent-platform-api")
    String audience;

    @Inject
    @ConfigProperty(name = "identity.access-token-seconds", defaultValue = "3600")
    long accessTokenSeconds;

    Clock clock = Clock.systemUTC();
    private TokenSigner signer;

    @PostConstruct
    void init() {
        signer = new TokenSigner(new SecretFiles(Path.of(secretsDir)).read("jwt-private.pem"), issuer, audience);
        LOG.info(() -> "Signing access tokens with key " + signer.keyId());
    }

    public TokenResponse issue(TokenRequest request) {
        if (request == null || !"password".equals(request.grantType())) {
            throw new PlatformException(ErrorCode.BAD_TOKEN_REQUEST,
                    "grant_type must be 'password' (with username and password).");
        }
        if (isBlank(request.username()) || isBlank(request.password())) {
            throw new PlatformException(ErrorCode.BAD_TOKEN_REQUEST, "username and password are required.");
        }
        SignedInUser user = users.authenticate(request.username(), request.password())
                .orElseThrow(() -> new PlatformException(ErrorCode.BAD_CREDENTIALS));
        String token = signer.sign(user.username(), user.roles(), clock.instant(), Duration.ofSeconds(accessTokenSeconds));
        return new TokenResponse(token, "Bearer", accessTokenSeconds);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
