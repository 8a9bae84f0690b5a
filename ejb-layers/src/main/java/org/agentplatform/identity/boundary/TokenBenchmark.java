package org.agentplatform.identity.boundary;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Set;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;

/**
 * Measures, inside the server, what verifying one access token costs: parse, look up the key by kid
 * in the parsed JWKS, check the RS256 signature, issuer, audience and time, as MicroProfile JWT does
 * (it uses the same Nimbus library). For {@code ./platform bench identity}.
 */
@Stateless
@RolesAllowed("admin")
public class TokenBenchmark {

    @Inject
    SigningKeys keys;

    /** Percentiles in microseconds. */
    public record Result(int tokens, double p50Micros, double p99Micros) {}

    public Result run(int tokens) throws Exception {
        if (tokens < 100 || tokens > 200_000) {
            throw new PlatformException(ErrorCode.REQUEST_INVALID, "tokens is 100 to 200000.");
        }
        String token = keys.signer().sign("bench", Set.of("viewer"), Instant.now(), Duration.ofMinutes(5));
        JWKSet jwks = JWKSet.parse(keys.jwksJson());
        long[] nanos = new long[tokens];
        for (int i = 0; i < tokens; i++) {
            long start = System.nanoTime();
            SignedJWT jwt = SignedJWT.parse(token);
            RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            boolean valid = key != null && jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))
                    && "agent-platform".equals(claims.getIssuer()) && claims.getAudience().contains("agent-platform-api")
                    && claims.getExpirationTime().after(new Date());
            nanos[i] = System.nanoTime() - start;
            if (!valid) {
                throw new IllegalStateException("The benchmark token did not verify");
            }
        }
        Arrays.sort(nanos);
        return new Result(tokens, nanos[tokens / 2] / 1000.0, nanos[(int) (tokens * 0.99)] / 1000.0);
    }
}
