package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.BASE;
import static org.agentplatform.cluster.Platform.I1;
import static org.agentplatform.cluster.Platform.I2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Users and roles: roles decide what each endpoint admits; disabling or re-roling a user ends its tokens. */
class UsersIT {

    private static String newUser(String role) {
        String name = role.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
        Platform.Resp r = Platform.postJson(BASE, "/api/v1/users", Platform.token(),
                "{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"" + role + "\"]}");
        assertEquals(201, r.status(), r.toString());
        assertEquals(role, r.json().path("roles").get(0).asText());
        return name;
    }

    private static String login(String base, String name) {
        Platform.Resp r = Platform.tokenRequest(base, Map.of("grant_type", "password", "username", name, "password", "correct-horse-battery"));
        assertEquals(200, r.status(), r.toString());
        return r.json().path("access_token").asText();
    }

    private static Platform.Resp patch(String name, String body) {
        return Platform.send(Platform.authed(Platform.request(BASE, "/api/v1/users/" + name)
                .header("Content-Type", "application/json").method("PATCH", BodyPublishers.ofString(body)), Platform.token()));
    }

    @Test
    void rolesDecideWhatEachUserMayDo() {
        String operator = login(I1, newUser("operator"));
        String viewer = login(I2, newUser("viewer"));
        assertEquals(201, Platform.postJson(BASE, "/api/v1/agents", operator, Platform.agentJson(Platform.uniqueName("op"), "tool")).status());
        Platform.assertError(Platform.get(BASE, "/api/v1/users", operator), 403, "E9103");
        assertEquals(200, Platform.get(BASE, "/api/v1/agents?limit=1", viewer).status());
        Platform.assertError(Platform.postJson(BASE, "/api/v1/agents", viewer, Platform.agentJson(Platform.uniqueName("v"), "tool")), 403, "E9103");
        Platform.assertError(Platform.get(BASE, "/api/v1/events?limit=1", viewer), 403, "E9103");
    }

    @Test
    void disablingOrReRolingAUserEndsItsTokens() throws Exception {
        String name = newUser("developer");
        String token = login(BASE, name);
        assertEquals(200, patch(name, "{\"roles\":[\"viewer\"]}").status());
        Platform.assertError(Platform.get(I1, "/api/v1/agents?limit=1", token), 401, "E9106");
        // a change refuses the tokens issued before it, to the millisecond: signing in right after works
        String again = login(BASE, name);
        Platform.assertError(Platform.postJson(BASE, "/api/v1/agents", again, Platform.agentJson(Platform.uniqueName("d"), "tool")), 403, "E9103");

        assertEquals(200, patch(name, "{\"enabled\":false}").status());
        Platform.assertError(Platform.get(I2, "/api/v1/agents?limit=1", again), 401, "E9106");
        Platform.assertError(Platform.tokenRequest(BASE, Map.of("grant_type", "password", "username", name,
                "password", "correct-horse-battery")), 401, "E9102");
    }

    @Test
    void badUserRequestsAreRefused() {
        String name = newUser("auditor");
        Platform.assertError(Platform.postJson(BASE, "/api/v1/users", Platform.token(),
                "{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"auditor\"]}"), 409, "E9203");
        Platform.assertError(Platform.postJson(BASE, "/api/v1/users", Platform.token(),
                "{\"username\":\"x" + name + "\",\"password\":\"short\",\"roles\":[\"auditor\"]}"), 400, "E9202");
        Platform.assertError(Platform.postJson(BASE, "/api/v1/users", Platform.token(),
                "{\"username\":\"y" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"root\"]}"), 400, "E9202");
        Platform.assertError(patch("nobody-" + name, "{\"enabled\":false}"), 404, "E9205");
    }
}
