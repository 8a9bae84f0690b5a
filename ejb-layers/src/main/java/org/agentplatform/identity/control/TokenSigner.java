package org.agentplatform.identity.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/**
 * Signs RS256 access tokens that the gateway verifies ({@link AccessTokenVerifier}): issuer, audience, {@code upn},
 * {@code groups}, a unique {@code jti}, and a {@code kid} equal to the key's RFC 7638 thumbprint.
 */
public final class TokenSigner {
    private final RSAKey key;
    private final RSASSASigner signer;
    private final String issuer;
    private final String audience;

    public TokenSigner(String privateKeyPem, String issuer, String audience) {
        this(fromPem(privateKeyPem), issuer, audience);
    }

    /** @param key an RSA key pair with its kid */
    public TokenSigner(RSAKey key, String issuer, String audience) {
        try {
            this.key = key;
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("The JWT signing key cannot sign", e);
        }
        this.issuer = issuer;
        this.audience = audience;
    }

    /** A PKCS#8 PEM RSA private key as a key pair whose kid is its RFC 7638 thumbprint. */
    public static RSAKey fromPem(String privateKeyPem) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(privateKeyPem
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").strip());
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return withThumbprint(new RSAKey.Builder(publicKey).privateKey(privateKey).build());
        } catch (JOSEException | java.security.GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("The JWT signing key is not a PKCS#8 RSA private key in PEM form.", e);
        }
    }

    /** A new RSA 2048 key pair with its thumbprint as kid. */
    public static RSAKey generate() {
        try {
            return withThumbprint(new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey withThumbprint(RSAKey key) throws JOSEException {
        return new RSAKey.Builder(key).keyID(key.computeThumbprint().toString()).build();
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** The public half, for a JWKS. */
    public RSAKey publicKey() {
        return key.toPublicJWK();
    }

    public String sign(String username, Set<String> groups, Instant now, Duration lifetime) {
        return sign(username, groups, null, now, lifetime);
    }

    /** A token; {@code rateLimits} (the user's own, {@code read=100/60,...}) travel in the {@code rl} claim when present. */
    public String sign(String username, Set<String> groups, String rateLimits, Instant now, Duration lifetime) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(username)
                .claim("upn", username)
                .claim("groups", groups.stream().sorted().toList())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .claim("iat_ms", now.toEpochMilli()) // iat has seconds only; revocation "until now" needs more
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)));
        if (rateLimits != null) {
            claims.claim("rl", rateLimits);
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing the token failed.", e);
        }
        return jwt.serialize();
    }
}
