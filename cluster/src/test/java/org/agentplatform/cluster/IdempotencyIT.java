package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.BASE;
import static org.agentplatform.cluster.Platform.I1;
import static org.agentplatform.cluster.Platform.I2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: a repeat gets the first answer on any instance, and the work happens once. */
class IdempotencyIT {

    private static Platform.Resp create(String base, String key, String body) {
        return Platform.send(Platform.authed(Platform.request(base, "/api/v1/agents")
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(BodyPublishers.ofString(body)), Platform.token()));
    }

    private static long agentsNamed(String name) {
        return Platform.allAgents().stream().filter(a -> a.path("name").asText().equals(name)).count();
    }

    @Test
    void aRepeatOnTheOtherInstanceGetsTheFirstAnswerAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String name = Platform.uniqueName("idem");
        String body = Platform.agentJson(name, "tool");
        Platform.Resp first = create(I1, key, body);
        Platform.Resp again = create(I2, key, body);
        assertEquals(201, first.status(), first.toString());
        assertEquals(201, again.status(), again.toString());
        assertEquals(first.json().path("id").asText(), again.json().path("id").asText());
        assertEquals(first.headers().firstValue("Location"), again.headers().firstValue("Location"));
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""), again.toString());
        assertEquals(1, agentsNamed(name));

        Platform.assertError(create(BASE, key, Platform.agentJson(name + "-other", "tool")), 422, "E9111");
        assertEquals(0, agentsNamed(name + "-other"));
    }

    @Test
    void concurrentRepeatsOnBothInstancesRunTheRequestOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = Platform.uniqueName("idem-race");
        String body = Platform.agentJson(name, "planner");
        var a = CompletableFuture.supplyAsync(() -> create(I1, key, body));
        var b = CompletableFuture.supplyAsync(() -> create(I2, key, body));
        List<Platform.Resp> answers = List.of(a.get(), b.get());
        assertTrue(answers.stream().allMatch(r -> r.status() == 201), answers.toString());
        assertEquals(answers.get(0).json().path("id").asText(), answers.get(1).json().path("id").asText());
        assertEquals(1, agentsNamed(name));
    }
}
