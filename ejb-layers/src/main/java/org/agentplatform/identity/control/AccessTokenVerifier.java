package org.agentplatform.identity.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Verifies access tokens as the gateway accepts them: a JWS whose header says RS256 and nothing else,
 * a {@code kid} of the platform's JWKS, a valid signature, our issuer and audience, {@code exp} in the
 * future and {@code nbf}/{@code iat} not in it (both within {@code clockSkew}), a {@code jti} and a
 * {@code upn}. Everything else ({@code alg: none}, HS256 keyed with the public key, an unknown kid, a
 * foreign key) is refused.
 *
 * <p>The JWKS is parsed once and kept for {@code maxAge} (the max-age the JWKS endpoint announces,
 * which a new key's publication delay exceeds); a token with an unknown kid reloads it at once, at most
 * once a second, so garbage kids cannot flood the database. Thread-safe; verifying costs one RSA
 * public-key operation and no I/O.
 */
public final class AccessTokenVerifier {
    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(1);

    /** A verified token: its claims, the user ({@code upn}) and roles ({@code groups}). */
    public record Verified(String token, JWTClaimsSet claims, String username, Set<String> groups) {}

    private record Keys(Map<String, JWSVerifier> byKid, Instant loadedAt) {}

    private final Supplier<String> jwks;
    private final String issuer;
    private final String audience;
    private final Duration maxAge;
    private final Duration clockSkew;
    private final Clock clock;
    private volatile Keys keys = new Keys(Map.of(), Instant.MIN);

    /** @param jwks the current JWK Set document (read when the cached one is older than maxAge or lacks a kid) */
    public AccessTokenVerifier(Supplier<String> jwks, String issuer, String audience, Duration maxAge, Duration clockSkew, Clock clock) {
        this.jwks = jwks;
        this.issuer = issuer;
        this.audience = audience;
        this.maxAge = maxAge;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    public Optional<Verified> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token.strip());
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            JWSVerifier verifier = verifierFor(jwt.getHeader().getKeyID());
            if (verifier == null || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String upn = claims.getStringClaim("upn");
            if (!valid(claims) || upn == null || upn.isBlank()) {
                return Optional.empty();
            }
            List<String> groups = claims.getStringListClaim("groups");
            return Optional.of(new Verified(token, claims, upn, groups == null ? Set.of() : Set.copyOf(groups)));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private boolean valid(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        Date iat = claims.getIssueTime();
        return issuer.equals(claims.getIssuer())
                && claims.getAudience() != null && claims.getAudience().contains(audience)
                && claims.getJWTID() != null
                && exp != null && now.minus(clockSkew).isBefore(exp.toInstant())
                && (nbf == null || !nbf.toInstant().isAfter(now.plus(clockSkew)))
                && (iat == null || !iat.toInstant().isAfter(now.plus(clockSkew)));
    }

    private JWSVerifier verifierFor(String kid) throws ParseException, JOSEException {
        Keys current = keys;
        Instant now = clock.instant();
        if (current.loadedAt().plus(maxAge).isBefore(now)
                || !current.byKid().containsKey(kid) && current.loadedAt().plus(RELOAD_AT_MOST_EVERY).isBefore(now)) {
            current = reload(current);
        }
        return current.byKid().get(kid);
    }

    private synchronized Keys reload(Keys seen) throws ParseException, JOSEException {
        if (keys != seen) {
            return keys; // another thread reloaded meanwhile
        }
        Map<String, JWSVerifier> byKid = new HashMap<>();
        for (JWK key : JWKSet.parse(jwks.get()).getKeys()) {
            if (key instanceof RSAKey rsa && key.getKeyID() != null) {
                byKid.put(key.getKeyID(), new RSASSAVerifier(rsa));
            }
        }
        keys = new Keys(Map.copyOf(byKid), clock.instant());
        return keys;
    }
}
