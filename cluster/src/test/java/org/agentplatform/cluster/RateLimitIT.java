package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.BASE;
import static org.agentplatform.cluster.Platform.I1;
import static org.agentplatform.cluster.Platform.I2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A key's or a user's limit of N requests per window holds exactly across both instances under concurrent load. */
class RateLimitIT {

    /** Fires {@code n} concurrent requests, alternating i1 and i2; counts the 200s and checks every refusal. */
    private static int admitted(int n, java.util.function.Function<String, java.net.http.HttpRequest.Builder> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Platform.Resp>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String base = i % 2 == 0 ? I1 : I2;
            answers.add(pool.submit(() -> Platform.send(request.apply(base))));
        }
        int ok = 0;
        for (Future<Platform.Resp> f : answers) {
            Platform.Resp r = f.get();
            if (r.status() == 200) {
                ok++;
                assertTrue(r.headers().firstValue("RateLimit-Remaining").isPresent(), r.toString());
            } else {
                Platform.assertError(r, 429, "E9110");
                assertTrue(Long.parseLong(r.headers().firstValue("Retry-After").orElse("0")) > 0, r.toString());
            }
        }
        pool.shutdown();
        return ok;
    }

    @Test
    void aUsersReadLimitHoldsExactlyAcrossBothInstancesAndLeavesWritesAlone() throws Exception {
        String name = "limited-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Platform.Resp created = Platform.postJson(BASE, "/api/v1/users", Platform.token(), "{\"username\":\"" + name
                + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"developer\"],"
                + "\"rateLimits\":{\"read\":{\"requests\":15,\"windowSeconds\":60}}}");
        assertEquals(201, created.status(), created.toString());
        assertEquals(15, created.json().path("rateLimits").path("read").path("requests").asInt(), created.toString());
        Platform.Resp login = Platform.tokenRequest(BASE, java.util.Map.of("grant_type", "password", "username", name,
                "password", "correct-horse-battery"));
        String token = login.json().path("access_token").asText();

        assertEquals(15, admitted(40, base -> Platform.authed(Platform.request(base, "/api/v1/agents?limit=1"), token).GET()),
                "exactly the user's read limit was admitted");
        Platform.Resp write = Platform.postJson(I2, "/api/v1/agents", token, Platform.agentJson(Platform.uniqueName("rl"), "tool"));
        assertEquals(201, write.status(), "writes have their own (default) limit: " + write);
        assertEquals("2999", write.headers().firstValue("RateLimit-Remaining").orElse(""), write.toString());
    }

    @Test
    void exactlyTheLimitPassesAcrossBothInstances() throws Exception {
        Platform.Resp created = Platform.postJson(BASE, "/api/v1/api-keys", Platform.token(),
                "{\"name\":\"limited\",\"scopes\":[\"read\"],\"rateLimit\":{\"requests\":25,\"windowSeconds\":60}}");
        assertEquals(201, created.status(), created.toString());
        String key = created.json().path("key").asText();

        assertEquals(25, admitted(80, base -> Platform.request(base, "/api/v1/agents?limit=1").header("X-API-Key", key).GET()),
                "exactly the key's limit was admitted");
    }
}
