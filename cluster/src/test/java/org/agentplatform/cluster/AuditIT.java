package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.BASE;
import static org.agentplatform.cluster.Platform.I1;
import static org.agentplatform.cluster.Platform.I2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every authentication and authorization decision is recorded: who, what, from where, allowed or denied, why. */
class AuditIT {

    private static JsonNode decision(String requestId) throws InterruptedException {
        for (int attempt = 0; attempt < 40; attempt++) {
            JsonNode items = Platform.get(BASE, "/api/v1/audit/decisions?requestId=" + requestId).json().path("items");
            if (items.size() > 0) {
                return items.get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no decision recorded for request " + requestId);
    }

    @Test
    void deniedAndAllowedRequestsAreRecordedOnEitherInstance() throws Exception {
        String denied = "audit-" + UUID.randomUUID();
        Platform.send(Platform.request(I1, "/api/v1/agents").header("X-Request-Id", denied).GET());
        JsonNode d = decision(denied);
        assertEquals(false, d.path("allowed").asBoolean(), d.toString());
        assertEquals(401, d.path("status").asInt());
        assertTrue(d.path("reason").asText().startsWith("E9101"), d.toString());
        assertEquals("GET", d.path("method").asText());
        assertEquals("/api/v1/agents", d.path("path").asText());
        assertEquals("i1", d.path("instance").asText());

        String allowed = "audit-" + UUID.randomUUID();
        Platform.send(Platform.authed(Platform.request(I2, "/api/v1/agents?limit=1").header("X-Request-Id", allowed).GET(), Platform.token()));
        JsonNode a = decision(allowed);
        assertEquals(true, a.path("allowed").asBoolean(), a.toString());
        assertEquals("admin", a.path("principal").asText());
        assertEquals("i2", a.path("instance").asText());

        String forbidden = "audit-" + UUID.randomUUID();
        Platform.Resp key = Platform.postJson(BASE, "/api/v1/api-keys", Platform.token(), "{\"name\":\"auditee\",\"scopes\":[\"read\"]}");
        Platform.send(Platform.request(BASE, "/api/v1/users").header("X-API-Key", key.json().path("key").asText())
                .header("X-Request-Id", forbidden).GET());
        JsonNode f = decision(forbidden);
        assertEquals(403, f.path("status").asInt(), f.toString());
        assertTrue(f.path("principal").asText().startsWith("apikey:"), f.toString());

        String metrics = Platform.send(Platform.request(I1, "/metrics").GET()).body();
        assertTrue(metrics.contains("gateway_denied_requests_total"), "denials are a metric");
        Platform.assertError(Platform.get(BASE, "/api/v1/audit/decisions?outcome=maybe"), 400, "E9005");
    }
}
