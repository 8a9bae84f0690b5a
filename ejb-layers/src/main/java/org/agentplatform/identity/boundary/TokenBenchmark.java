package org.agentplatform.identity.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.agentplatform.identity.control.AccessTokenVerifier;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;

/**
 * Measures, inside the server, what verifying one access token costs with the gateway's own verifier
 * ({@link AccessTokenVerifier}: parse, key by kid from the cached JWKS, RS256 signature, issuer,
 * audience, time). For {@code ./platform bench identity}.
 */
@Stateless
@RolesAllowed("admin")
public class TokenBenchmark {

    @Inject
    SigningKeys keys;

    /** Percentiles in microseconds. */
    public record Result(int tokens, double p50Micros, double p99Micros) {}

    public Result run(int tokens) {
        if (tokens < 100 || tokens > 200_000) {
            throw new PlatformException(ErrorCode.REQUEST_INVALID, "tokens is 100 to 200000.");
        }
        String token = keys.signer().sign("bench", Set.of("viewer"), Instant.now(), Duration.ofMinutes(5));
        AccessTokenVerifier verifier = keys.verifier(Duration.ofMinutes(5), Duration.ofSeconds(30));
        for (int i = 0; i < 20_000; i++) {
            verifier.verify(token); // loads the key set and lets C2 compile the path: the steady state is measured
        }
        long[] nanos = new long[tokens];
        for (int i = 0; i < tokens; i++) {
            long start = System.nanoTime();
            boolean valid = verifier.verify(token).isPresent();
            nanos[i] = System.nanoTime() - start;
            if (!valid) {
                throw new IllegalStateException("The benchmark token did not verify");
            }
        }
        Arrays.sort(nanos);
        return new Result(tokens, nanos[tokens / 2] / 1000.0, nanos[(int) (tokens * 0.99)] / 1000.0);
    }
}
