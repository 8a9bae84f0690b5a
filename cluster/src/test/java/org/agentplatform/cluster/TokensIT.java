package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.BASE;
import static org.agentplatform.cluster.Platform.I1;
import static org.agentplatform.cluster.Platform.I2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Refresh tokens (rotation, reuse detection, also racing on both instances) and sign-out across instances. */
class TokensIT {

    private static JsonNode signIn(String base) {
        Platform.Resp r = Platform.tokenRequest(base, Map.of("grant_type", "password", "username", "admin",
                "password", Platform.adminPassword()));
        assertEquals(200, r.status(), r.toString());
        assertFalse(r.json().path("refresh_token").asText().isBlank(), r.toString());
        return r.json();
    }

    private static Platform.Resp refresh(String base, String refreshToken) {
        return Platform.tokenRequest(base, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    @Test
    void aRefreshTokenRotatesAndItsReuseRevokesTheWholeFamily() {
        String first = signIn(BASE).path("refresh_token").asText();
        Platform.Resp rotated = refresh(I1, first);
        assertEquals(200, rotated.status(), rotated.toString());
        JsonNode body = rotated.json();
        assertEquals("Bearer", body.path("token_type").asText());
        assertEquals(3600, body.path("expires_in").asInt());
        String second = body.path("refresh_token").asText();
        assertFalse(second.isBlank() || second.equals(first), "a new refresh token");
        assertEquals(200, Platform.get(BASE, "/api/v1/agents?limit=1", body.path("access_token").asText()).status());

        Platform.assertError(refresh(I2, first), 401, "E9105");
        Platform.assertError(refresh(I1, second), 401, "E9104");
        Platform.assertError(refresh(I1, "no-such-token"), 401, "E9104");
        Platform.assertError(Platform.tokenRequest(BASE, Map.of("grant_type", "refresh_token")), 400, "E9004");
    }

    @Test
    void twoRefreshesRacingOnBothInstancesLetOneWinAndRevokeTheFamily() throws Exception {
        for (int round = 0; round < 5; round++) {
            String token = signIn(BASE).path("refresh_token").asText();
            var a = CompletableFuture.supplyAsync(() -> refresh(I1, token));
            var b = CompletableFuture.supplyAsync(() -> refresh(I2, token));
            List<Platform.Resp> answers = List.of(a.get(), b.get());
            List<Platform.Resp> won = answers.stream().filter(r -> r.status() == 200).toList();
            assertEquals(1, won.size(), "round " + round + ": " + answers);
            Platform.assertError(answers.stream().filter(r -> r.status() != 200).findFirst().orElseThrow(), 401, "E9105");
            Platform.assertError(refresh(BASE, won.get(0).json().path("refresh_token").asText()), 401, "E9104");
        }
    }

    @Test
    void aSignedOutTokenIsRefusedOnTheOtherInstanceAtOnce() {
        JsonNode session = signIn(BASE);
        String access = session.path("access_token").asText();
        assertEquals(200, Platform.get(I2, "/api/v1/agents?limit=1", access).status());
        Platform.Resp out = Platform.postJson(I1, "/api/v1/auth/logout", access,
                Platform.toJson(Map.of("refresh_token", session.path("refresh_token").asText())));
        assertEquals(204, out.status(), out.toString());
        Platform.assertError(Platform.get(I2, "/api/v1/agents?limit=1", access), 401, "E9106");
        Platform.assertError(Platform.get(I1, "/api/v1/agents?limit=1", access), 401, "E9106");
        Platform.assertError(refresh(BASE, session.path("refresh_token").asText()), 401, "E9104");
        Platform.assertError(Platform.postJson(BASE, "/api/v1/auth/logout", null, "{}"), 401, "E9101");
    }

    @Test
    void signingOutEverywhereRefusesEveryEarlierToken() throws Exception {
        JsonNode one = signIn(I1);
        JsonNode two = signIn(I2);
        Platform.Resp out = Platform.postJson(BASE, "/api/v1/auth/logout-all", one.path("access_token").asText(), "{}");
        assertEquals(204, out.status(), out.toString());
        for (JsonNode session : List.of(one, two)) {
            Platform.assertError(Platform.get(I1, "/api/v1/agents?limit=1", session.path("access_token").asText()), 401, "E9106");
            Platform.assertError(Platform.get(I2, "/api/v1/agents?limit=1", session.path("access_token").asText()), 401, "E9106");
            Platform.assertError(refresh(BASE, session.path("refresh_token").asText()), 401, "E9104");
        }
        Platform.forgetToken(); // at once, in the same second: the cut-off is to the millisecond
        String fresh = signIn(I2).path("access_token").asText();
        assertEquals(200, Platform.get(I1, "/api/v1/agents?limit=1", fresh).status(), "a sign-in right after works");
        assertEquals(200, Platform.get(BASE, "/api/v1/agents?limit=1").status(), "a new sign-in works");
    }
}
