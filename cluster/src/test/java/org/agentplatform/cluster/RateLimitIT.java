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

/** A key's limit of N requests per window holds exactly across both instances under concurrent load. */
class RateLimitIT {

    @Test
    void exactlyTheLimitPassesAcrossBothInstances() throws Exception {
        Platform.Resp created = Platform.postJson(BASE, "/api/v1/api-keys", Platform.token(),
                "{\"name\":\"limited\",\"scopes\":[\"read\"],\"rateLimit\":{\"requests\":25,\"windowSeconds\":60}}");
        assertEquals(201, created.status(), created.toString());
        String key = created.json().path("key").asText();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Platform.Resp>> answers = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String base = i % 2 == 0 ? I1 : I2;
            answers.add(pool.submit(() -> Platform.send(Platform.request(base, "/api/v1/agents?limit=1").header("X-API-Key", key).GET())));
        }
        int ok = 0;
        int limited = 0;
        for (Future<Platform.Resp> f : answers) {
            Platform.Resp r = f.get();
            if (r.status() == 200) {
                ok++;
                assertTrue(r.headers().firstValue("RateLimit-Remaining").isPresent(), r.toString());
            } else {
                Platform.assertError(r, 429, "E9110");
                assertTrue(Long.parseLong(r.headers().firstValue("Retry-After").orElse("0")) > 0, r.toString());
                limited++;
            }
        }
        pool.shutdown();
        assertEquals(25, ok, "exactly the limit was admitted");
        assertEquals(55, limited);
    }
}
