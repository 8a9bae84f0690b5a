package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JSF console: form login, session replicated across instances, logout. */
class ConsoleIT {

    static final String AGENTS_PAGE = "/console/agents.xhtml";
    static final String LOGIN_PAGE = "/console/login.xhtml";

    @Test
    void agentsPageWithoutSessionRedirectsToLogin() {
        for (String url : new String[] {BASE, I1, I2}) {
            assertRedirect(new Cookies().send(request(url, AGENTS_PAGE).GET()), LOGIN_PAGE);
        }
    }

    @Test
    void wrongPasswordRedirectsToLoginError() {
        Cookies jar = new Cookies();
        Resp r = login(jar, I1, "wrong-" + UUID.randomUUID());
        assertRedirect(r, LOGIN_PAGE + "?error");
        assertRedirect(jar.send(request(I1, AGENTS_PAGE).GET()), LOGIN_PAGE);
    }

    @Test
    void sessionFromI1WorksOnI2AndListsApiAgents() {
        String name = uniqueName("console");
        createAgent(BASE, name, "assistant");

        Cookies jar = new Cookies();
        Resp r = login(jar, I1, adminPassword());
        assertSuccessfulLogin(r, jar);

        String html = assertAgentsPage(jar.send(request(I2, AGENTS_PAGE).GET()));
        assertTrue(html.contains(name), "agent created through the API is not listed on the console page");
        assertAgentsPage(jar.send(request(I1, AGENTS_PAGE).GET()));
    }

    @Test
    void logoutInvalidatesTheSessionOnBothInstances() throws InterruptedException {
        Cookies jar = new Cookies();
        assertSuccessfulLogin(login(jar, I1, adminPassword()), jar);
        assertAgentsPage(jar.send(request(I2, AGENTS_PAGE).GET())); // i2 now holds the session too
        Cookies stale = new Cookies(jar); // what a thief would have copied before logout

        Resp out = jar.send(request(I1, "/console/logout")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString("")));
        assertTrue(out.status() < 400, () -> "logout: " + out);

        for (String url : new String[] {I1, I2}) {
            // replication of the invalidation may lag a little behind the logout response
            Resp r = null;
            for (long end = System.currentTimeMillis() + 5000; System.currentTimeMillis() < end; Thread.sleep(250)) {
                r = new Cookies(stale).send(request(url, AGENTS_PAGE).GET());
                if (r.status() != 200) break;
            }
            assertRedirect(r, LOGIN_PAGE);
        }
    }

    private static java.util.Set<String> sessionFingerprints() {
        java.util.Set<String> found = new java.util.HashSet<>();
        get(BASE, "/api/v1/sessions").json().path("items").forEach(n -> found.add(n.path("fingerprint").asText()));
        return found;
    }

    @Test
    void anAdminSeesSessionsAndSignsOneOutOnEveryInstance() throws InterruptedException {
        java.util.Set<String> before = sessionFingerprints();
        Cookies jar = new Cookies();
        assertSuccessfulLogin(login(jar, I1, adminPassword()), jar);
        assertAgentsPage(jar.send(request(I2, AGENTS_PAGE).GET()));
        java.util.Set<String> added = sessionFingerprints();
        added.removeAll(before);
        assertEquals(1, added.size(), "one new session is listed: " + added);
        String fingerprint = added.iterator().next();
        com.fasterxml.jackson.databind.JsonNode listed = null;
        for (com.fasterxml.jackson.databind.JsonNode n : get(BASE, "/api/v1/sessions").json().path("items")) {
            if (n.path("fingerprint").asText().equals(fingerprint)) {
                listed = n;
            }
        }
        assertEquals("admin", listed.path("username").asText(), listed.toString());
        assertEquals("i1", listed.path("instance").asText(), listed.toString());
        assertTrue(java.time.Duration.between(java.time.Instant.parse(listed.path("signedInAt").asText()),
                java.time.Instant.parse(listed.path("expiresAt").asText())).toHours() == 8, "absolute end 8 h after sign-in: " + listed);
        Resp keepAlive = jar.send(request(I2, "/console/keepalive").GET());
        assertEquals(204, keepAlive.status(), keepAlive::toString);

        Resp revoked = send(Platform.authed(request(BASE, "/api/v1/sessions/" + fingerprint).DELETE(), token()));
        assertEquals(204, revoked.status(), revoked::toString);
        for (String url : new String[] {I1, I2}) {
            assertRedirect(new Cookies(jar).send(request(url, AGENTS_PAGE).GET()), LOGIN_PAGE);
        }
        assertRedirect(new Cookies(jar).send(request(I1, "/console/keepalive").GET()), LOGIN_PAGE);
        assertError(send(Platform.authed(request(BASE, "/api/v1/sessions/" + fingerprint).DELETE(), token())), 404, "E9207");
    }

    @Test
    void aSixthSignInEndsTheOldestOfFiveSessions() {
        Cookies[] jars = new Cookies[6];
        for (int i = 0; i < jars.length; i++) {
            jars[i] = new Cookies();
            assertSuccessfulLogin(login(jars[i], i % 2 == 0 ? I1 : I2, adminPassword()), jars[i]);
        }
        assertRedirect(jars[0].send(request(I2, AGENTS_PAGE).GET()), LOGIN_PAGE);
        for (int i = 1; i < jars.length; i++) {
            assertAgentsPage(jars[i].send(request(I1, AGENTS_PAGE).GET()));
        }
    }

    @Test
    void theSecurityPagesShowUsersKeysSessionsAndSigningKeys() {
        Cookies jar = new Cookies();
        assertSuccessfulLogin(login(jar, BASE, adminPassword()), jar);
        String kid = get(BASE, "/api/v1/signing-keys").json().path("items").get(0).path("kid").asText();
        String keyName = uniqueName("console-key");
        assertEquals(201, postJson(BASE, "/api/v1/api-keys", token(), "{\"name\":\"" + keyName + "\",\"scopes\":[\"read\"]}").status());
        String userName = "console-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, postJson(BASE, "/api/v1/users", token(), "{\"username\":\"" + userName
                + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"auditor\"]}").status());
        Map<String, String> expected = Map.of(
                "/console/users.xhtml", userName,
                "/console/api-keys.xhtml", keyName,
                "/console/sessions.xhtml", "this session",
                "/console/signing-keys.xhtml", kid);
        for (Map.Entry<String, String> page : expected.entrySet()) {
            Resp r = jar.send(request(BASE, page.getKey()).GET());
            assertEquals(200, r.status(), r::toString);
            String mustShow = page.getValue();
            assertTrue(r.body().contains(mustShow), () -> page.getKey() + " does not show " + mustShow + ": " + r);
            assertTrue(r.body().contains("idle-warning") && r.body().contains("data-idle-seconds=\"1800\""),
                    () -> page.getKey() + " has no idle warning: " + r);
        }
    }

    /** Browser-like form login: the protected page first (so the container saves it), then the form post. */
    static Resp login(Cookies jar, String url, String password) {
        assertRedirect(jar.send(request(url, AGENTS_PAGE).GET()), LOGIN_PAGE);
        Resp form = jar.send(request(url, LOGIN_PAGE).GET());
        assertEquals(200, form.status(), form::toString);
        assertTrue(form.body().contains("j_password"), () -> "login page has no j_password field: " + form);
        return jar.send(request(url, "/console/j_security_check")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(form(Map.of("j_username", "admin", "j_password", password)))));
    }

    static void assertSuccessfulLogin(Resp r, Cookies jar) {
        assertTrue(r.status() == 302 || r.status() == 303, () -> "login: " + r);
        String loc = r.header("Location").orElse("");
        assertFalse(loc.contains("login.xhtml"), () -> "login redirected back to the login page: " + loc);
        assertTrue(jar.hasSessionCookie(), () -> "no JSESSIONID cookie after login: " + jar);
    }

    static String assertAgentsPage(Resp r) {
        assertEquals(200, r.status(), r::toString);
        String html = r.body();
        assertTrue(html.contains("Agents"), () -> "no 'Agents' on the page: " + r);
        assertTrue(html.contains("admin"), () -> "logged-in user not shown: " + r);
        assertFalse(html.contains("j_password"), () -> "agents page shows the login form: " + r);
        assertTrue(html.stripTrailing().endsWith("</html>"), () -> "agents page is truncated: " + r);
        return html;
    }
}
