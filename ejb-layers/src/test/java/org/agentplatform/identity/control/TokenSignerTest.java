package org.agentplatform.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSignerTest {
    private static final String ISSUER = "agent-platform";
    private static final String AUDIENCE = "agent-platform-api";
    private static final Instant NOW = Instant.parse("2025-11-25T18:43:12Z");
    private static final Duration LIFETIME = Duration.ofHours(1);

    private static KeyPair keys;
    private static TokenSigner cut;

    @BeforeAll
    static void generateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        cut = new TokenSigner(pem("PRIVATE KEY", keys.getPrivate().getEncoded()), ISSUER, AUDIENCE);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static SignedJWT signed(Set<String> groups) throws Exception {
        return SignedJWT.parse(cut.sign("alice", groups, NOW, LIFETIME));
    }

    @Test
    void tokensCarryTheirIssueTimeToTheMillisecondAndOwnRateLimits() throws Exception {
        Instant at = NOW.plusMillis(437);
        var claims = SignedJWT.parse(cut.sign("alice", Set.of("viewer"), "read=10/60", at, LIFETIME)).getJWTClaimsSet();
        assertEquals(at.toEpochMilli(), claims.getLongClaim("iat_ms"));
        assertEquals(at.getEpochSecond(), claims.getIssueTime().toInstant().getEpochSecond());
        assertEquals("read=10/60", claims.getStringClaim("rl"));
        assertEquals(null, signed(Set.of()).getJWTClaimsSet().getClaim("rl"), "no own limits, no claim");
        assertEquals(at.toEpochMilli(), org.agentplatform.identity.boundary.Revocations.issuedAtMillis(at.toEpochMilli(), at.getEpochSecond()));
        assertEquals(at.getEpochSecond() * 1000 + 999, org.agentplatform.identity.boundary.Revocations.issuedAtMillis(null, at.getEpochSecond()),
                "a token without iat_ms counts as issued at the end of its second");
    }

    @Test
    void tokenVerifiesWithThePublicKey() throws Exception {
        SignedJWT jwt = signed(Set.of("viewer"));

        assertTrue(jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic())));
    }

    @Test
    void tokenDoesNotVerifyWithAnotherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey other = (RSAPublicKey) generator.generateKeyPair().getPublic();

        assertFalse(signed(Set.of("viewer")).verify(new RSASSAVerifier(other)));
    }

    @Test
    void headerIsRs256JwtWithTheThumbprintAsKid() throws Exception {
        String thumbprint = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).build().computeThumbprint().toString();

        SignedJWT jwt = signed(Set.of("viewer"));

        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        assertEquals(thumbprint, jwt.getHeader().getKeyID());
        assertEquals(thumbprint, cut.keyId());
    }

    @Test
    void claimsNameTheIssuerAudienceAndUser() throws Exception {
        JWTClaimsSet claims = signed(Set.of("viewer")).getJWTClaimsSet();

        assertEquals(ISSUER, claims.getIssuer());
        assertEquals(List.of(AUDIENCE), claims.getAudience());
        assertEquals("alice", claims.getSubject());
        assertEquals("alice", claims.getStringClaim("upn"));
    }

    @Test
    void groupsAreSorted() throws Exception {
        JWTClaimsSet claims = signed(Set.of("viewer", "admin", "operator", "developer")).getJWTClaimsSet();

        assertEquals(List.of("admin", "developer", "operator", "viewer"), claims.getStringListClaim("groups"));
    }

    @Test
    void noGroupsIsAnEmptyList() throws Exception {
        assertEquals(List.of(), signed(Set.of()).getJWTClaimsSet().getStringListClaim("groups"));
    }

    @Test
    void everyTokenHasItsOwnJti() throws Exception {
        String first = signed(Set.of("viewer")).getJWTClaimsSet().getJWTID();
        String second = signed(Set.of("viewer")).getJWTClaimsSet().getJWTID();

        assertNotEquals(first, second);
        assertEquals(first, UUID.fromString(first).toString());
    }

    @Test
    void tokenIsValidFromNowForItsLifetime() throws Exception {
        JWTClaimsSet claims = signed(Set.of("viewer")).getJWTClaimsSet();

        assertEquals(Date.from(NOW), claims.getIssueTime());
        assertEquals(Date.from(NOW), claims.getNotBeforeTime());
        assertEquals(Date.from(NOW.plus(LIFETIME)), claims.getExpirationTime());
    }

    @Test
    void timesAreWholeSeconds() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(cut.sign("alice", Set.of(), NOW.plusMillis(750), Duration.ofSeconds(90)))
                .getJWTClaimsSet();

        assertEquals(Date.from(NOW), claims.getIssueTime());
        assertEquals(Date.from(NOW.plusSeconds(90)), claims.getExpirationTime());
    }

    @Test
    void publicKeyIsThePublicHalfOnly() {
        RSAKey cutPublic = cut.publicKey();

        assertFalse(cutPublic.isPrivate());
        assertEquals(((RSAPublicKey) keys.getPublic()).getModulus(), cutPublic.getModulus().decodeToBigInteger());
        assertEquals(cut.keyId(), cutPublic.getKeyID());
    }

    @Test
    void sameKeyGivesTheSameKid() {
        TokenSigner again = new TokenSigner(pem("PRIVATE KEY", keys.getPrivate().getEncoded()), "other", "other");

        assertEquals(cut.keyId(), again.keyId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not a key at all",
        "-----BEGIN " + "PRIVATE KEY-----\nbm90IGEga2V5\n-----END " + "PRIVATE KEY-----\n",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
    })
    void pemThatIsNotAKeyIsRefused(String pem) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new TokenSigner(pem, ISSUER, AUDIENCE));

        assertTrue(e.getMessage().contains("PKCS#8 RSA private key"), e.getMessage());
    }

    @Test
    void publicKeyPemIsRefused() {
        String pem = pem("PUBLIC KEY", keys.getPublic().getEncoded());

        assertThrows(IllegalStateException.class, () -> new TokenSigner(pem, ISSUER, AUDIENCE));
    }

    @Test
    void ecPrivateKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String pem = pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());

        assertThrows(IllegalStateException.class, () -> new TokenSigner(pem, ISSUER, AUDIENCE));
    }
}
