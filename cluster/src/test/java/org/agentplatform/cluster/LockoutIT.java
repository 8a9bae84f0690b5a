package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.BASE;
import static org.agentplatform.cluster.Platform.I1;
import static org.agentplatform.cluster.Platform.I2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failed sign-ins lock an account on every instance; admins see the lock and lift it; failures are a metric. */
class LockoutIT {

    private static Platform.Resp attempt(String base, String username, String password) {
        return Platform.tokenRequest(base, Map.of("grant_type", "password", "username", username, "password", password));
    }

    @Test
    void fiveFailuresLockTheAccountEverywhereUntilAnAdminUnlocksIt() {
        String victim = Platform.uniqueName("mallory");
        for (int i = 0; i < 5; i++) {
            Platform.assertError(attempt(i % 2 == 0 ? I1 : I2, victim, "guess-" + i), 401, "E9102");
        }
        for (String base : new String[] {I1, I2}) {
            Platform.Resp locked = attempt(base, victim, "guess-again");
            JsonNode error = Platform.assertError(locked, 429, "E9108");
            long retry = error.path("details").path("retryAfterSeconds").asLong();
            assertTrue(retry > 0 && retry <= 30, error.toString());
            assertEquals(String.valueOf(retry), locked.headers().firstValue("Retry-After").orElse(""), locked.toString());
        }

        JsonNode listed = null;
        for (JsonNode lock : Platform.get(BASE, "/api/v1/lockouts").json().path("items")) {
            if (lock.path("subject").asText().equals("user:" + victim)) {
                listed = lock;
            }
        }
        assertTrue(listed != null && !listed.path("lockedUntil").isMissingNode() && listed.path("failures").asInt() == 5, String.valueOf(listed));

        Platform.Resp unlocked = Platform.send(Platform.authed(Platform.request(BASE, "/api/v1/lockouts/user:" + victim).DELETE(), Platform.token()));
        assertEquals(204, unlocked.status(), unlocked.toString());
        Platform.assertError(attempt(BASE, victim, "after-unlock"), 401, "E9102");
        Platform.assertError(Platform.send(Platform.authed(Platform.request(BASE, "/api/v1/lockouts/user:nobody-" + victim).DELETE(),
                Platform.token())), 404, "E9109");

        String metrics = Platform.send(Platform.request(I1, "/metrics").GET()).body()
                + Platform.send(Platform.request(I2, "/metrics").GET()).body();
        assertTrue(metrics.contains("identity_failed_logins_total"), "failed sign-ins are a metric");
    }
}
