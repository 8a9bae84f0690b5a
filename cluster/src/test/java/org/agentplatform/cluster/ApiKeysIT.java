package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.BASE;
import static org.agentplatform.cluster.Platform.I1;
import static org.agentplatform.cluster.Platform.I2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** API keys: shown once, used as Bearer or X-API-Key on both instances, scoped, expiring, revocable. */
class ApiKeysIT {

    private static JsonNode create(String body) {
        Platform.Resp r = Platform.postJson(BASE, "/api/v1/api-keys", Platform.token(), body);
        assertEquals(201, r.status(), r.toString());
        return r.json();
    }

    private static Platform.Resp withHeader(String base, String path, String header, String value) {
        return Platform.send(Platform.request(base, path).header(header, value).GET());
    }

    private static JsonNode listed(String id) {
        for (JsonNode k : Platform.get(BASE, "/api/v1/api-keys").json().path("items")) {
            if (k.path("id").asText().equals(id)) {
                return k;
            }
        }
        return null;
    }

    @Test
    void aReadKeyReadsOnBothInstancesCannotWriteAndStopsWhenRevoked() throws InterruptedException {
        JsonNode key = create("{\"name\":\"reader\",\"scopes\":[\"read\"]}");
        String secret = key.path("key").asText();
        assertTrue(secret.matches("ap_[0-9a-f]{8}\\.[A-Za-z0-9_-]{43}"), secret);
        assertEquals("user:admin", key.path("owner").asText());

        assertEquals(200, withHeader(I1, "/api/v1/agents?limit=1", "X-API-Key", secret).status());
        assertEquals(200, withHeader(I2, "/api/v1/agents?limit=1", "Authorization", "Bearer " + secret).status());
        Platform.assertError(Platform.postJson(BASE, "/api/v1/agents", secret,
                Platform.agentJson(Platform.uniqueName("nope"), "tool")), 403, "E9103");

        JsonNode listed = null;
        for (long end = System.currentTimeMillis() + 5000; System.currentTimeMillis() < end; Thread.sleep(200)) {
            listed = listed(key.path("id").asText()); // counts are written once a second
            if (listed.path("requestCount").asLong() == 3) {
                break;
            }
        }
        assertTrue(listed != null && listed.path("key").isMissingNode(), "the secret is shown once: " + listed);
        assertEquals(3, listed.path("requestCount").asLong(), listed.toString());
        assertFalse(listed.path("lastUsedAt").isMissingNode());

        Platform.Resp revoked = Platform.send(Platform.authed(Platform.request(BASE, "/api/v1/api-keys/" + key.path("id").asText())
                .DELETE(), Platform.token()));
        assertEquals(204, revoked.status(), revoked.toString());
        Platform.assertError(withHeader(I1, "/api/v1/agents?limit=1", "X-API-Key", secret), 401, "E9107");
        Platform.assertError(withHeader(I2, "/api/v1/agents?limit=1", "X-API-Key", secret), 401, "E9107");
    }

    @Test
    void anAgentOwnsItsKeysAndAnUnknownAgentIsRefused() {
        JsonNode agent = Platform.createAgent(BASE, Platform.uniqueName("keyed"), "tool");
        JsonNode key = create("{\"name\":\"agent-key\",\"scopes\":[\"read\"],\"agentId\":\"" + agent.path("id").asText() + "\"}");
        assertEquals("agent:" + agent.path("id").asText(), key.path("owner").asText(), key.toString());
        assertEquals(200, withHeader(I2, "/api/v1/agents/" + agent.path("id").asText(), "X-API-Key", key.path("key").asText()).status());
        Platform.assertError(Platform.postJson(BASE, "/api/v1/api-keys", Platform.token(),
                "{\"name\":\"ghost\",\"scopes\":[\"read\"],\"agentId\":\"" + java.util.UUID.randomUUID() + "\"}"), 404, "E2004");
    }

    @Test
    void rotationGivesANewKeyWhileTheOldOneWorksUntilTheOverlapEnds() throws Exception {
        JsonNode old = create("{\"name\":\"rotating\",\"scopes\":[\"read\"],\"rateLimit\":{\"requests\":100,\"windowSeconds\":60}}");
        String oldKey = old.path("key").asText();
        String path = "/api/v1/api-keys/" + old.path("id").asText() + "/rotate";
        Platform.Resp rotated = Platform.postJson(BASE, path, Platform.token(), "{\"overlapSeconds\":3}");
        assertEquals(200, rotated.status(), rotated.toString());
        String newKey = rotated.json().path("key").asText();
        assertTrue(newKey.startsWith("ap_") && !newKey.equals(oldKey), rotated.toString());
        assertEquals("rotating", rotated.json().path("name").asText());
        assertEquals(100, rotated.json().path("rateLimit").path("requests").asInt(), "the new key keeps the old one's settings");

        assertEquals(200, withHeader(I1, "/api/v1/agents?limit=1", "X-API-Key", oldKey).status(), "the old key works during the overlap");
        assertEquals(200, withHeader(I2, "/api/v1/agents?limit=1", "X-API-Key", newKey).status());
        Platform.assertError(Platform.postJson(BASE, path, Platform.token(), "{}"), 409, "E9206");
        Platform.assertError(Platform.postJson(BASE, "/api/v1/api-keys/" + rotated.json().path("id").asText() + "/rotate",
                Platform.token(), "{\"overlapSeconds\":-1}"), 400, "E9201");
        Thread.sleep(4000);
        Platform.assertError(withHeader(I2, "/api/v1/agents?limit=1", "X-API-Key", oldKey), 401, "E9107");
        assertEquals(200, withHeader(I1, "/api/v1/agents?limit=1", "X-API-Key", newKey).status());
        JsonNode listedOld = listed(old.path("id").asText());
        assertEquals(rotated.json().path("id").asText(), listedOld == null ? null : listedOld.path("rotatedTo").asText());
    }

    @Test
    void aWriteKeyCreatesAgentsAndWrongOrExpiredKeysAreRefused() throws Exception {
        String writer = create("{\"name\":\"writer\",\"scopes\":[\"write\"]}").path("key").asText();
        Platform.Resp created = Platform.postJson(BASE, "/api/v1/agents", writer, Platform.agentJson(Platform.uniqueName("bykey"), "tool"));
        assertEquals(201, created.status(), created.toString());

        Platform.assertError(withHeader(BASE, "/api/v1/agents", "X-API-Key", writer.substring(0, writer.length() - 2) + "xx"), 401, "E9107");
        Platform.assertError(withHeader(BASE, "/api/v1/agents", "X-API-Key", "ap_00000000.nothing"), 401, "E9107");

        String shortLived = create("{\"name\":\"brief\",\"scopes\":[\"read\"],\"expiresAt\":\"" + Instant.now().plusSeconds(2) + "\"}")
                .path("key").asText();
        assertEquals(200, withHeader(BASE, "/api/v1/agents?limit=1", "X-API-Key", shortLived).status());
        Thread.sleep(3000);
        Platform.assertError(withHeader(BASE, "/api/v1/agents?limit=1", "X-API-Key", shortLived), 401, "E9107");

        String bound = create("{\"name\":\"bound\",\"scopes\":[\"read\"],\"allowedAddresses\":[\"203.0.113.7\"]}").path("key").asText();
        Platform.assertError(withHeader(BASE, "/api/v1/agents?limit=1", "X-API-Key", bound), 401, "E9107");
    }

    @Test
    void badKeyRequestsAreRefused() {
        Platform.assertError(Platform.postJson(BASE, "/api/v1/api-keys", Platform.token(), "{\"name\":\"x\",\"scopes\":[\"root\"]}"), 400, "E9201");
        Platform.assertError(Platform.postJson(BASE, "/api/v1/api-keys", Platform.token(), "{\"name\":\"x\",\"scopes\":[]}"), 400, "E9201");
        Platform.assertError(Platform.postJson(BASE, "/api/v1/api-keys", Platform.token(),
                "{\"name\":\"x\",\"scopes\":[\"read\"],\"expiresAt\":\"" + Instant.now().plusSeconds(400L * 86400) + "\"}"), 400, "E9201");
        Platform.assertError(Platform.postJson(BASE, "/api/v1/api-keys", Platform.token(),
                "{\"name\":\"x\",\"scopes\":[\"read\"],\"expiresAt\":\"2020-01-01T00:00:00Z\"}"), 400, "E9201");
        Platform.assertError(Platform.send(Platform.authed(Platform.request(BASE, "/api/v1/api-keys/" + java.util.UUID.randomUUID())
                .DELETE(), Platform.token())), 404, "E9204");
    }
}
