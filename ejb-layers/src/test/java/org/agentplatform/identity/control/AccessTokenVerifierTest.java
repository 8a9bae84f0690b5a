package org.agentplatform.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.agentplatform.testing.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AccessTokenVerifierTest {
    private static final String ISSUER = "agent-platform";
    private static final String AUDIENCE = "agent-platform-api";
    private static final Instant NOW = Instant.parse("2026-11-26T04:00:00Z");

    private static RSAKey key;
    private static RSAKey other;

    private final AtomicReference<String> jwks = new AtomicReference<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final TestClock clock = new TestClock(NOW);
    private final AccessTokenVerifier cut = new AccessTokenVerifier(() -> {
        loads.incrementAndGet();
        return jwks.get();
    }, ISSUER, AUDIENCE, Duration.ofSeconds(60), Duration.ofSeconds(30), clock);

    @BeforeAll
    static void keys() {
        key = TokenSigner.generate();
        other = TokenSigner.generate();
    }

    private void publish(RSAKey... keys) {
        jwks.set(new JWKSet(List.of(keys)).toPublicJWKSet().toString());
    }

    private static String genuine() {
        return new TokenSigner(key, ISSUER, AUDIENCE).sign("alice", Set.of("viewer", "operator"), NOW, Duration.ofHours(1));
    }

    /** The genuine token's claims with one change, signed RS256 by {@code signer} under {@code kid}. */
    private static String forged(JWSSigner signer, JWSAlgorithm alg, String kid, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet claims = change.apply(new JWTClaimsSet.Builder(SignedJWT.parse(genuine()).getJWTClaimsSet())).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(kid).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String withClaims(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return forged(new RSASSASigner(key), JWSAlgorithm.RS256, key.getKeyID(), change);
    }

    @Test
    void aGenuineTokenVerifiesWithItsUserAndRoles() {
        publish(key);
        var verified = cut.verify(genuine()).orElseThrow();
        assertEquals("alice", verified.username());
        assertEquals(Set.of("viewer", "operator"), verified.groups());
        assertEquals(ISSUER, verified.claims().getIssuer());
    }

    @Test
    void everyForgeryOrBadClaimIsRefused() throws Exception {
        publish(key);
        byte[] publicKeyAsSecret = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        var refused = new java.util.LinkedHashMap<String, String>();
        refused.put("alg none", new PlainJWT(SignedJWT.parse(genuine()).getJWTClaimsSet()).serialize());
        refused.put("HS256 keyed with the public key", forged(new MACSigner(publicKeyAsSecret), JWSAlgorithm.HS256, key.getKeyID(), b -> b));
        refused.put("RS512 by the right key", forged(new RSASSASigner(key), JWSAlgorithm.RS512, key.getKeyID(), b -> b));
        refused.put("another key under our kid", forged(new RSASSASigner(other), JWSAlgorithm.RS256, key.getKeyID(), b -> b));
        refused.put("unknown kid", forged(new RSASSASigner(other), JWSAlgorithm.RS256, other.getKeyID(), b -> b));
        refused.put("no kid", forged(new RSASSASigner(key), JWSAlgorithm.RS256, null, b -> b));
        refused.put("wrong issuer", withClaims(b -> b.issuer("evil")));
        refused.put("wrong audience", withClaims(b -> b.audience("other-api")));
        refused.put("expired", withClaims(b -> b.expirationTime(Date.from(NOW.minusSeconds(31)))));
        refused.put("not yet valid", withClaims(b -> b.notBeforeTime(Date.from(NOW.plusSeconds(31)))));
        refused.put("issued in the future", withClaims(b -> b.issueTime(Date.from(NOW.plusSeconds(3600)))));
        refused.put("no jti", withClaims(b -> b.jwtID(null)));
        refused.put("no upn", withClaims(b -> b.claim("upn", null)));
        refused.put("no exp", withClaims(b -> b.expirationTime(null)));
        refused.put("garbage", "not-a-jwt." + UUID.randomUUID());
        refused.put("tampered payload", genuine().replaceFirst("\\.[^.]{4}", ".eyJ4"));
        refused.forEach((what, token) -> assertTrue(cut.verify(token).isEmpty(), what + " must be refused"));
        assertTrue(cut.verify(genuine()).isPresent(), "the genuine token still verifies");
    }

    @Test
    void withinTheClockSkewATokenStillVerifies() throws Exception {
        publish(key);
        assertTrue(cut.verify(withClaims(b -> b.expirationTime(Date.from(NOW.minusSeconds(29))))).isPresent());
        assertTrue(cut.verify(withClaims(b -> b.notBeforeTime(Date.from(NOW.plusSeconds(29))))).isPresent());
    }

    @Test
    void theKeySetIsReadOnceAndAgainAfterItsMaxAge() throws Exception {
        publish(key);
        for (int i = 0; i < 100; i++) {
            assertTrue(cut.verify(genuine()).isPresent());
        }
        assertEquals(1, loads.get());
        clock.now = NOW.plusSeconds(61);
        publish(other); // the key was retired: after the max-age its tokens are refused
        assertTrue(cut.verify(withClaims(b -> b.expirationTime(Date.from(NOW.plusSeconds(7200))))).isEmpty());
        assertEquals(2, loads.get());
    }

    @Test
    void anUnknownKidReloadsAtOnceButAtMostOnceASecond() throws Exception {
        publish(key);
        assertTrue(cut.verify(genuine()).isPresent());
        clock.now = NOW.plusSeconds(2);
        publish(key, other); // a key published on another instance
        String byNewKey = forged(new RSASSASigner(other), JWSAlgorithm.RS256, other.getKeyID(), b -> b);
        assertTrue(cut.verify(byNewKey).isPresent());
        assertEquals(2, loads.get());
        for (int i = 0; i < 50; i++) {
            assertTrue(cut.verify(forged(new RSASSASigner(other), JWSAlgorithm.RS256, "garbage-" + i, b -> b)).isEmpty());
        }
        assertEquals(2, loads.get(), "garbage kids within the second do not reload");
    }
}
