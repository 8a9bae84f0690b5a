package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.BASE;
import static org.agentplatform.cluster.Platform.I1;
import static org.agentplatform.cluster.Platform.I2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The event store through the API: optimistic concurrency across instances, idempotency, schemas, upcasting, time travel. */
class EventStoreIT {

    static Platform.Resp patch(String base, String id, String ifMatch, String body) {
        var req = Platform.authed(Platform.request(base, "/api/v1/agents/" + id)
                .header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString(body)), Platform.token());
        if (ifMatch != null) {
            req.header("If-Match", ifMatch);
        }
        return Platform.send(req);
    }

    static long lastPosition() {
        return Platform.get(BASE, "/api/v1/subscriptions/diagnostics").json().path("lastPosition").asLong();
    }

    static Platform.Resp appendConfig(String base, String stream, String body) {
        return Platform.postJson(base, "/api/v1/streams/configuration/" + stream, Platform.token(), body);
    }

    @Test
    void twoWritersWithTheSameExpectedVersionOnDifferentInstancesExactlyOneWins() throws Exception {
        String name = Platform.uniqueName("race");
        String id = Platform.createAgent(BASE, name, "reasoning").path("id").asText();
        for (int round = 1; round <= 10; round++) {
            String etag = "\"" + round + "\"";
            int n = round;
            var a = CompletableFuture.supplyAsync(() -> patch(I1, id, etag, "{\"name\":\"" + name + "-" + n + "-a\"}"));
            var b = CompletableFuture.supplyAsync(() -> patch(I2, id, etag, "{\"name\":\"" + name + "-" + n + "-b\"}"));
            List<Platform.Resp> answers = List.of(a.get(), b.get());
            assertEquals(1, answers.stream().filter(r -> r.status() == 200).count(), "round " + round + ": " + answers);
            Platform.Resp loser = answers.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
            JsonNode error = Platform.assertError(loser, 409, "E1001");
            assertEquals(round + 1, error.path("details").path("currentVersion").asLong(), loser.toString());
        }
        Platform.Resp agent = Platform.get(BASE, "/api/v1/agents/" + id);
        assertEquals("\"11\"", agent.headers().firstValue("ETag").orElse(""));
        assertEquals(11, Platform.get(BASE, "/api/v1/streams/agent/" + id).json().path("items").size(), "one event per winning write");
    }

    @Test
    void theSameEventIdAppendedTwiceIsStoredOnce() {
        String stream = Platform.uniqueName("idem");
        String body = "{\"expectedVersion\":\"any\",\"events\":[{\"eventId\":\"" + UUID.randomUUID()
                + "\",\"type\":\"ConfigurationSet\",\"payload\":{\"key\":\"test.idempotent\",\"value\":\"1\",\"scope\":\"platform\"}}]}";
        Platform.Resp first = appendConfig(I1, stream, body);
        Platform.Resp second = appendConfig(I2, stream, body);
        assertEquals(201, first.status(), first.toString());
        assertEquals(200, second.status(), second.toString());
        assertTrue(second.json().path("idempotent").asBoolean());
        assertEquals(first.json().path("firstPosition").asLong(), second.json().path("firstPosition").asLong());
        JsonNode events = Platform.get(BASE, "/api/v1/events?streamType=configuration&streamId=" + stream).json().path("items");
        assertEquals(1, events.size(), events.toString());
    }

    @Test
    void invalidPayloadsAndUnknownTypesAreRefusedAndLeaveTheStoreUnchanged() {
        String stream = Platform.uniqueName("invalid");
        long before = lastPosition();
        Platform.Resp invalid = appendConfig(BASE, stream,
                "{\"events\":[{\"type\":\"ConfigurationSet\",\"payload\":{\"key\":\"NOT A KEY\",\"value\":3,\"scope\":\"platform\"}}]}");
        JsonNode error = Platform.assertError(invalid, 422, "E1003");
        List<String> paths = new ArrayList<>();
        error.path("details").path("errors").forEach(e -> paths.add(e.path("path").asText()));
        assertEquals(List.of("$.key", "$.value"), paths, error.toString());
        Platform.assertError(appendConfig(BASE, stream, "{\"events\":[{\"type\":\"NoSuchEvent\",\"payload\":{}}]}"), 400, "E1002");
        Platform.assertError(appendConfig(BASE, stream, "{\"events\":[{\"type\":\"ConfigurationSet\",\"schemaVersion\":9,"
                + "\"payload\":{\"key\":\"a.b\",\"value\":\"1\"}}]}"), 400, "E1005");
        Platform.assertError(appendConfig(BASE, stream, "{\"events\":[]}"), 400, "E1005");
        assertEquals(before, lastPosition(), "no position was used");
        Platform.assertError(Platform.get(BASE, "/api/v1/streams/configuration/" + stream), 404, "E1004");
    }

    @Test
    void aStaleExpectedVersionOnAnAppendIsAConflictThatWritesNothing() {
        String stream = Platform.uniqueName("conflict");
        String event = "{\"type\":\"ConfigurationSet\",\"payload\":{\"key\":\"a.b\",\"value\":\"1\",\"scope\":\"platform\"}}";
        assertEquals(201, appendConfig(BASE, stream, "{\"expectedVersion\":\"none\",\"events\":[" + event + "," + event + "]}").status());
        JsonNode error = Platform.assertError(appendConfig(BASE, stream, "{\"expectedVersion\":\"1\",\"events\":[" + event + "]}"), 409, "E1001");
        assertEquals(2, error.path("details").path("currentVersion").asLong());
        Platform.assertError(appendConfig(BASE, stream, "{\"expectedVersion\":\"none\",\"events\":[" + event + "]}"), 409, "E1001");
        assertEquals(201, appendConfig(BASE, stream, "{\"expectedVersion\":\"2\",\"events\":[" + event + "]}").status());
        assertEquals(3, Platform.get(BASE, "/api/v1/streams/configuration/" + stream).json().path("items").size());
    }

    @Test
    void oldSchemaVersionsAreUpcastOnRead() {
        String stream = Platform.uniqueName("upcast");
        assertEquals(201, appendConfig(BASE, stream, "{\"events\":[{\"type\":\"ConfigurationSet\",\"schemaVersion\":1,"
                + "\"payload\":{\"key\":\"modelgateway.timeout-ms\",\"value\":\"3000\"}}]}").status());
        JsonNode event = Platform.get(BASE, "/api/v1/streams/configuration/" + stream).json().path("items").get(0);
        assertEquals(2, event.path("schemaVersion").asInt());
        assertEquals("platform", event.path("payload").path("scope").asText());
        assertEquals("3000", event.path("payload").path("value").asText());
    }

    @Test
    void anAgentsStateCanBeRebuiltAsOfAPositionOrATime() throws Exception {
        String name = Platform.uniqueName("travel");
        Instant beforeCreation = Instant.now().minusSeconds(5);
        String id = Platform.createAgent(BASE, name, "planner").path("id").asText();
        assertEquals(200, patch(BASE, id, "\"1\"", "{\"status\":\"active\"}").status());
        assertEquals(200, patch(BASE, id, "\"2\"", "{\"name\":\"" + name + "-renamed\"}").status());
        JsonNode events = Platform.get(BASE, "/api/v1/streams/agent/" + id).json().path("items");
        long created = events.get(0).path("position").asLong();
        long activated = events.get(1).path("position").asLong();

        JsonNode atCreation = Platform.get(BASE, "/api/v1/streams/agent/" + id + "?asOf=" + created).json();
        assertEquals(name, atCreation.path("state").path("name").asText());
        assertEquals("created", atCreation.path("state").path("status").asText());
        JsonNode atActivation = Platform.get(BASE, "/api/v1/streams/agent/" + id + "?asOf=" + activated).json();
        assertEquals("active", atActivation.path("state").path("status").asText());
        assertEquals(name, atActivation.path("state").path("name").asText());
        JsonNode now = Platform.get(BASE, "/api/v1/streams/agent/" + id + "?asOf=" + Instant.now().plusSeconds(1)).json();
        assertEquals(name + "-renamed", now.path("state").path("name").asText());
        assertEquals(3, now.path("version").asLong());
        JsonNode beforeIt = Platform.get(BASE, "/api/v1/streams/agent/" + id + "?asOf=" + beforeCreation).json();
        assertTrue(beforeIt.path("state").isMissingNode(), beforeIt.toString());
        assertEquals(0, beforeIt.path("version").asLong());

        JsonNode backward = Platform.get(BASE, "/api/v1/streams/agent/" + id + "?direction=backward&limit=1").json();
        assertEquals(3, backward.path("items").get(0).path("version").asLong());
        assertEquals(2, backward.path("nextFromVersion").asLong());
    }

    @Test
    void theLifecycleIsEnforcedAndEveryChangeIsAnEvent() {
        String id = Platform.createAgent(BASE, Platform.uniqueName("life"), "tool").path("id").asText();
        JsonNode refused = Platform.assertError(patch(BASE, id, null, "{\"status\":\"busy\"}"), 409, "E2010");
        assertTrue(refused.path("details").path("allowed").toString().contains("active"), refused.toString());
        assertEquals(200, patch(BASE, id, null, "{\"status\":\"terminated\",\"reason\":\"retired\"}").status());
        Platform.assertError(patch(BASE, id, null, "{\"status\":\"active\"}"), 409, "E2010");
        Platform.assertError(patch(BASE, id, null, "{\"name\":\"lazarus\"}"), 409, "E2010");
        Platform.assertError(patch(BASE, id, null, "{\"status\":\"sleeping\"}"), 400, "E2001");
        Platform.assertError(patch(BASE, id, "\"abc\"", "{\"status\":\"active\"}"), 400, "E9007");
        JsonNode events = Platform.get(BASE, "/api/v1/events?streamType=agent&streamId=" + id).json().path("items");
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.path("type").asText()));
        assertEquals(List.of("AgentCreated", "AgentStatusChanged"), types);
        assertEquals("retired", events.get(1).path("payload").path("reason").asText());
        assertFalse(events.get(1).path("metadata").path("correlationId").asText().isBlank());
        assertEquals("user:admin", events.get(1).path("metadata").path("actor").asText());
    }
}
