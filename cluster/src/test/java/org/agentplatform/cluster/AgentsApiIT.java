package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The agents REST API through the public URL. */
class AgentsApiIT {

    static final String AGENTS = "/api/v1/agents";

    @Test
    void createReturnsTheAgentAndLocation() {
        String name = uniqueName("api.create_A");
        Resp r = postJson(BASE, AGENTS, token(), agentJson(name, "reasoning"));
        assertEquals(201, r.status(), r::toString);
        JsonNode a = r.json();
        String id = a.path("id").asText();
        assertTrue(UUID_RE.matcher(id).matches(), () -> "id: " + r);
        assertEquals(name, a.path("name").asText());
        assertEquals("reasoning", a.path("agentType").asText());
        assertEquals("created", a.path("status").asText());
        assertTrue(Pattern.matches("did:agent:" + Pattern.quote(name) + ":[0-9a-f]{8}", a.path("did").asText()),
                () -> "did: " + a.path("did"));
        DateTimeFormatter.ISO_DATE_TIME.parse(a.path("createdAt").asText());

        URI request = URI.create(BASE + AGENTS);
        URI location = request.resolve(r.header("Location").orElseThrow(() -> new AssertionError("no Location: " + r)));
        assertTrue(location.getPath().endsWith(AGENTS + "/" + id), () -> "Location " + location);
        assertEquals(request.getAuthority(), location.getAuthority(), "Location must point at the public URL");

        Resp read = get(location.getScheme() + "://" + location.getAuthority(), location.getPath());
        assertEquals(200, read.status(), read::toString);
        assertSameAgent(a, read.json());
    }

    @Test
    void everyAgentTypeIsAccepted() {
        for (String type : List.of("reasoning", "tool", "planner", "evaluator", "supervisor", "assistant")) {
            assertEquals(type, createAgent(BASE, uniqueName("type-" + type), type).path("agentType").asText());
        }
    }

    @Test
    void paginationWalksEverythingOnceInCreationOrder() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) created.add(createAgent(BASE, uniqueName("page" + i), "tool").path("id").asText());

        List<String> seen = ids(allAgents(BASE, 2)); // asserts nextCursor semantics page by page
        assertEquals(seen.size(), new HashSet<>(seen).size(), "duplicates across pages");
        int previous = -1;
        for (String id : created) {
            int at = seen.indexOf(id);
            assertTrue(at > previous, () -> "created agent " + id + " missing or out of creation order");
            previous = at;
        }
        assertEquals(seen, ids(allAgents(BASE, 100)), "limit=2 and limit=100 walks differ");

        JsonNode firstPage = get(BASE, AGENTS).json();
        assertTrue(firstPage.path("items").size() <= 20, "default limit is 20");
    }

    @Test
    void missingNameIsRejected() {
        JsonNode e = rejectedWithoutChange(null, () -> postJson(BASE, AGENTS, token(), "{\"agentType\":\"reasoning\"}"),
                400, "E2001");
        assertTrue(e.path("details").path("violations").isArray() && e.path("details").path("violations").size() > 0,
                () -> "no violations: " + e);
        assertTrue(e.path("details").path("violations").toString().contains("name"), e::toString);
    }

    @Test
    void invalidAgentTypeIsRejected() {
        String name = uniqueName("badtype");
        JsonNode e = rejectedWithoutChange(name, () -> postJson(BASE, AGENTS, token(), agentJson(name, "wizard")),
                400, "E2001");
        assertTrue(e.path("details").path("violations").toString().contains("agentType"), e::toString);
    }

    @Test
    void malformedJsonIsRejected() {
        String name = uniqueName("malformed");
        rejectedWithoutChange(name, () -> postJson(BASE, AGENTS, token(), "{\"name\":\"" + name + "\",\"agentType\":"),
                400, "E9001");
    }

    @Test
    void wrongContentTypeIsRejected() {
        String name = uniqueName("textplain");
        rejectedWithoutChange(name, () -> post(BASE, AGENTS, token(), "text/plain", agentJson(name, "reasoning")),
                415, "E9002");
    }

    @Test
    void bodyOverOneMebibyteIsRejected() {
        String name = uniqueName("huge");
        // valid JSON naming a valid agent, padded with whitespace past the 1 MiB limit
        String body = agentJson(name, "reasoning").replace("}", " ".repeat(1_048_576) + "}");
        rejectedWithoutChange(name, () -> postJson(BASE, AGENTS, token(), body), 413, "E9003");
    }

    @Test
    void unknownIdIsNotFound() {
        Resp r = get(BASE, AGENTS + "/" + UUID.randomUUID());
        assertError(r, 404, "E2004");
    }

    @Test
    void nonUuidIdIsNotFound() {
        assertError(get(BASE, AGENTS + "/not-a-uuid"), 404, "E2004");
    }

    @Test
    void errorIdsAreUniqueAndRequestIdIsEchoed() {
        String requestId = "it-" + UUID.randomUUID();
        Resp first = send(authed(request(BASE, AGENTS + "/" + UUID.randomUUID()).GET(), token())
                .header("X-Request-Id", requestId));
        Resp second = get(BASE, AGENTS + "/" + UUID.randomUUID());
        String id1 = assertError(first, 404, "E2004").path("errorId").asText();
        String id2 = assertError(second, 404, "E2004").path("errorId").asText();
        assertNotEquals(id1, id2, "errorId must differ between errors");
        assertEquals(requestId, first.header("X-Request-Id").orElse(null), "X-Request-Id echoed on an error");
        assertFalse(second.header("X-Request-Id").orElse("").isBlank(), "X-Request-Id generated when absent");

        String okId = "it-" + UUID.randomUUID();
        Resp ok = send(authed(request(BASE, AGENTS + "?limit=1").GET(), token()).header("X-Request-Id", okId));
        assertEquals(200, ok.status(), ok::toString);
        assertEquals(okId, ok.header("X-Request-Id").orElse(null), "X-Request-Id echoed on a success");
    }

    @Test
    void unknownPathAndWrongMethodUseTheErrorShape() {
        assertError(get(BASE, "/api/v1/no-such-resource-" + UUID.randomUUID()), 404, "E9404");
        Resp r = send(authed(request(BASE, AGENTS).method("PATCH", BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json"), token()));
        assertError(r, 405, "E9405");
    }

    /** Runs a bad request, asserts its error shape, and that the agents listing did not change. */
    static JsonNode rejectedWithoutChange(String name, Supplier<Resp> badRequest, int status, String code) {
        List<String> before = ids(allAgents());
        JsonNode e = assertError(badRequest.get(), status, code);
        List<JsonNode> afterAgents = allAgents();
        if (name != null) assertFalse(names(afterAgents).contains(name), "rejected POST created " + name);
        assertEquals(before, ids(afterAgents), "a rejected POST changed the agents");
        return e;
    }
}
