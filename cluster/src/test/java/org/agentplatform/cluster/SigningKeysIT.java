package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.BASE;
import static org.agentplatform.cluster.Platform.I1;
import static org.agentplatform.cluster.Platform.I2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Key rotation without downtime: the new key is published in the JWKS before it signs, tokens of
 * the previous key stay valid, and both instances accept tokens of either key throughout.
 */
class SigningKeysIT {

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private static Set<String> published() {
        Platform.Resp r = Platform.send(Platform.request(BASE, "/.well-known/jwks.json").GET());
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("max-age="), r.toString());
        Set<String> kids = new TreeSet<>();
        r.json().path("keys").forEach(k -> {
            assertEquals("RS256", k.path("alg").asText());
            assertTrue(k.path("d").isMissingNode(), "no private part is published");
            kids.add(k.path("kid").asText());
        });
        return kids;
    }

    private static String freshToken() {
        Platform.Resp r = Platform.tokenRequest(BASE, Map.of("grant_type", "password", "username", "admin", "password", Platform.adminPassword()));
        assertEquals(200, r.status(), r.toString());
        return r.json().path("access_token").asText();
    }

    @Test
    void aRotationPublishesFirstSignsLaterAndKeepsOldTokensValid() throws Exception {
        String before = freshToken();
        String oldKid = kid(before);
        assertTrue(published().contains(oldKid), "the signing key is in the JWKS");

        Platform.Resp rotated = Platform.postJson(BASE, "/api/v1/signing-keys/rotate", Platform.token(), "");
        assertEquals(202, rotated.status(), rotated.toString());
        String newKid = rotated.json().path("kid").asText();
        assertEquals("pending", rotated.json().path("status").asText());
        assertNotEquals(oldKid, newKid);
        assertTrue(published().containsAll(Set.of(oldKid, newKid)), "both keys are published at once");
        assertEquals(oldKid, kid(freshToken()), "a pending key does not sign yet");

        long deadline = System.currentTimeMillis() + 30_000;
        String after = freshToken();
        while (!kid(after).equals(newKid) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            after = freshToken();
        }
        assertEquals(newKid, kid(after), "the new key signs after its publication delay");
        for (String base : new String[] {I1, I2}) {
            assertEquals(200, Platform.get(base, "/api/v1/agents?limit=1", before).status(), "old-key token on " + base);
            assertEquals(200, Platform.get(base, "/api/v1/agents?limit=1", after).status(), "new-key token on " + base);
        }
        JsonNode keys = Platform.get(BASE, "/api/v1/signing-keys").json().path("items");
        Map<String, String> status = new java.util.HashMap<>();
        keys.forEach(k -> status.put(k.path("kid").asText(), k.path("status").asText()));
        assertEquals("active", status.get(newKid), keys.toString());
        assertEquals("passive", status.get(oldKid), keys.toString());
    }
}
