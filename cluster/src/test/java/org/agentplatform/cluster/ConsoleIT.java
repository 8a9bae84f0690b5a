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
