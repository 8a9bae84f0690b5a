package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Token grant and the refusal of every kind of bad token on every business endpoint. */
class AuthIT {

    static SignedJWT valid;
    static PrivateKey platformKey;
    static String existingId;
    static final List<String> refusedNames = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void setUp() throws Exception {
        valid = SignedJWT.parse(token());
        String pem = secret("jwt-private.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        platformKey = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        existingId = createAgent(BASE, uniqueName("auth"), "tool").path("id").asText();
    }

    @Test
    void passwordGrantIssuesPlatformToken() throws Exception {
        Resp r = tokenRequest(BASE, Map.of("grant_type", "password", "username", "admin", "password", adminPassword()));
        assertEquals(200, r.status(), r::toString);
        JsonNode body = r.json();
        assertEquals("Bearer", body.path("token_type").asText(), r::toString);
        assertEquals(3600, body.path("expires_in").asInt(), r::toString);

        SignedJWT jwt = SignedJWT.parse(body.path("access_token").asText());
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertFalse(jwt.getHeader().getKeyID() == null || jwt.getHeader().getKeyID().isBlank(), "kid header");
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        assertEquals("agent-platform", c.getIssuer());
        assertEquals(List.of("agent-platform-api"), c.getAudience());
        assertEquals("admin", c.getStringClaim("upn"));
        assertTrue(c.getStringListClaim("groups").contains("admin"), () -> "groups: " + c.getClaim("groups"));
        assertFalse(c.getJWTID() == null || c.getJWTID().isBlank(), "jti");
        long lifetime = c.getExpirationTime().toInstant().getEpochSecond() - Instant.now().getEpochSecond();
        assertTrue(lifetime > 3500 && lifetime <= 3660, "exp about 1 h ahead, was " + lifetime + " s");
        assertFalse(c.getJWTID().equals(valid.getJWTClaimsSet().getJWTID()), "jti is unique per token");
    }

    @Test
    void wrongPasswordIsRefused() {
        Resp r = tokenRequest(BASE, Map.of("grant_type", "password", "username", "admin", "password", "wrong-" + UUID.randomUUID()));
        assertError(r, 401, "E9102");
        assertFalse(r.body().contains("access_token"), r::toString);
    }

    @Test
    void unknownGrantTypeIsRefused() {
        Resp r = tokenRequest(BASE, Map.of("grant_type", "client_credentials", "username", "admin", "password", adminPassword()));
        assertError(r, 400, "E9004");
        assertFalse(r.body().contains("access_token"), r::toString);
    }

    /** Bad token variants: each differs from a genuine token only in the property under test. */
    static Map<String, String> badTokens() throws Exception {
        var other = KeyPairGenerator.getInstance("RSA");
        other.initialize(2048);
        PrivateKey otherKey = other.generateKeyPair().getPrivate();
        Instant now = Instant.now();
        Map<String, String> t = new LinkedHashMap<>();
        t.put("missing token", null);
        t.put("garbage token", "not-a-jwt." + UUID.randomUUID());
        t.put("signed by another key", sign(otherKey, b -> b));
        t.put("expired", sign(platformKey, b -> b.issueTime(Date.from(now.minusSeconds(7200)))
                .notBeforeTime(Date.from(now.minusSeconds(7200))).expirationTime(Date.from(now.minusSeconds(3600)))));
        t.put("wrong issuer", sign(platformKey, b -> b.issuer("evil-issuer")));
        t.put("wrong audience", sign(platformKey, b -> b.audience("other-api")));
        t.put("alg none", new PlainJWT(claims(b -> b)).serialize());
        t.put("not yet valid", sign(platformKey, b -> b.notBeforeTime(Date.from(now.plusSeconds(3600)))));
        t.put("HS256 keyed with the public key", hs256WithPublicKey());
        t.put("unknown kid (signed by our key)", sign(platformKey, "kid-nobody-published", b -> b));
        return t;
    }

    /** Copies the genuine token's claims with a fresh jti, then applies the change under test. */
    static JWTClaimsSet claims(Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> change) {
        try {
            return change.apply(new JWTClaimsSet.Builder(valid.getJWTClaimsSet()).jwtID(UUID.randomUUID().toString())).build();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The platform's install-time key keeps its kid (the RFC 7638 thumbprint) after rotations, when it
     * only verifies; a foreign key borrows the genuine token's kid, so only its signature is wrong.
     */
    static String kidOf(PrivateKey key) {
        if (key instanceof java.security.interfaces.RSAPrivateCrtKey crt && key.equals(platformKey)) {
            try {
                var pub = (java.security.interfaces.RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
                        .generatePublic(new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
                return new com.nimbusds.jose.jwk.RSAKey.Builder(pub).build().computeThumbprint().toString();
            } catch (java.security.GeneralSecurityException | JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return valid.getHeader().getKeyID();
    }

    /** The classic confusion attack: the published RSA public key used as an HMAC secret. */
    static String hs256WithPublicKey() throws Exception {
        var crt = (java.security.interfaces.RSAPrivateCrtKey) platformKey;
        byte[] publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())).getEncoded();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(kidOf(platformKey)).build(),
                claims(b -> b));
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(publicKey));
        return jwt.serialize();
    }

    static String sign(PrivateKey key, Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> change) {
        return sign(key, kidOf(key), change);
    }

    static String sign(PrivateKey key, String kid, Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> change) {
        try {
            var header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(kid).build();
            var jwt = new SignedJWT(header, claims(change));
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    record Endpoint(String name, Function<String, Resp> call) {}

    /** The business endpoints; POSTs record the name they sent into {@code posted}. */
    static List<Endpoint> endpoints(List<String> posted) {
        return List.of(
                new Endpoint("GET /api/v1/agents", t -> get(BASE, "/api/v1/agents", t)),
                new Endpoint("GET /api/v1/agents/{id}", t -> get(BASE, "/api/v1/agents/" + existingId, t)),
                new Endpoint("POST /api/v1/agents", t -> {
                    String name = uniqueName("auth-post");
                    posted.add(name);
                    return postJson(BASE, "/api/v1/agents", t, agentJson(name, "reasoning"));
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyBadTokenIsRefusedOnEveryEndpoint() throws Exception {
        Map<String, String> bad = badTokens();
        return endpoints(refusedNames).stream().flatMap(e -> bad.entrySet().stream().map(v ->
                DynamicTest.dynamicTest(e.name() + " with " + v.getKey(), () -> {
                    Resp r = e.call().apply(v.getValue());
                    assertError(r, 401, "E9101");
                    assertFalse(r.body().contains(existingId), () -> "401 leaks data: " + r);
                })));
    }

    @TestFactory
    Stream<DynamicTest> genuineTokensAreAccepted() {
        String reSigned = sign(platformKey, b -> b);
        return endpoints(new ArrayList<>()).stream().flatMap(e -> Stream.of(
                DynamicTest.dynamicTest(e.name() + " with the granted token", () -> assertAccepted(e, token())),
                // positive control for the bad variants: same claims, our own signature with the platform key
                DynamicTest.dynamicTest(e.name() + " with a re-signed copy", () -> assertAccepted(e, reSigned))));
    }

    static void assertAccepted(Endpoint e, String token) {
        Resp r = e.call().apply(token);
        assertTrue(r.status() == 200 || r.status() == 201, () -> e.name() + ": " + r);
        JsonNode body = r.json();
        assertTrue(body.has("items") || body.has("id"), () -> e.name() + ": " + r);
    }

    @AfterAll
    static void refusedPostsCreatedNothing() {
        if (refusedNames.isEmpty()) return;
        var all = names(allAgents());
        List<String> created = refusedNames.stream().filter(all::contains).toList();
        assertTrue(created.isEmpty(), () -> "POSTs refused with 401 still created agents: " + created);
    }
}
