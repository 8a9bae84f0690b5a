package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.BASE;
import static org.agentplatform.cluster.Platform.I1;
import static org.agentplatform.cluster.Platform.I2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The model gateway against the offline provider and against fake providers that speak the real
 * OpenAI and Anthropic wire formats (a JDK HTTP server in this JVM, on loopback).
 */
class ModelGatewayIT {

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static JsonNode chat(String base, String body) {
        Platform.Resp r = Platform.postJson(base, "/api/v1/models/chat", Platform.token(), body);
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    static String userMessage(String text) {
        return "\"messages\":[{\"role\":\"user\",\"content\":" + Platform.toJson(text) + "}]";
    }

    /** Registers an OpenAI-compatible model served by a fake provider. */
    static String register(FakeProvider provider, String prefix, String kind, boolean local, String priceIn, String priceOut, int timeoutMs) {
        String id = unique(prefix);
        Platform.Resp r = Platform.postJson(BASE, "/api/v1/models", Platform.token(), Platform.toJson(Map.ofEntries(
                Map.entry("id", id), Map.entry("provider", kind), Map.entry("providerModel", "fake-" + prefix),
                Map.entry("baseUrl", provider.baseUrl()), Map.entry("contextWindow", 16000),
                Map.entry("capabilities", List.of("chat", "stream")), Map.entry("priceInPerMillion", new BigDecimal(priceIn)),
                Map.entry("priceOutPerMillion", new BigDecimal(priceOut)), Map.entry("local", local), Map.entry("timeoutMs", timeoutMs))));
        assertEquals(201, r.status(), r.toString());
        assertEquals(id, r.json().path("id").asText());
        return id;
    }

    static JsonNode setAlias(String name, String strategy, Map<String, Integer> targets) {
        List<Map<String, Object>> list = new ArrayList<>();
        targets.forEach((m, w) -> list.add(Map.of("model", m, "weight", w)));
        Platform.Resp r = Platform.send(Platform.authed(Platform.request(BASE, "/api/v1/models/aliases/" + name)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Platform.toJson(Map.of("strategy", strategy, "targets", list)))), Platform.token()));
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    @Test
    void theOfflineProviderAnswersByDefaultAndSaysSo() {
        JsonNode answer = chat(BASE, "{" + userMessage("My invoice was charged twice, please refund the second payment.")
                + ",\"task\":\"classify\",\"labels\":[\"weather\",\"billing\",\"sports\"]}");
        assertEquals("chat.completion", answer.path("object").asText());
        assertEquals("local", answer.path("model").asText());
        assertEquals("local", answer.path("provider").asText());
        assertEquals("billing", answer.at("/choices/0/message/content").asText());
        assertEquals("assistant", answer.at("/choices/0/message/role").asText());
        assertEquals("default", answer.at("/gateway/alias").asText());
        assertTrue(answer.at("/usage/prompt_tokens").asInt() > 0);

        JsonNode filled = chat(BASE, "{\"model\":\"planner\"," + userMessage("city: Lyon") + ",\"task\":\"fill\","
                + "\"template\":\"Book a trip to {{city}} on {{date}}.\",\"variables\":{\"date\":\"2026-03-01\"}}");
        assertEquals("Book a trip to Lyon on 2026-03-01.", filled.at("/choices/0/message/content").asText());
        assertEquals("planner", filled.at("/gateway/alias").asText());
    }

    @Test
    void embeddingsAre384DimensionVectorsInOpenAiShape() {
        Platform.Resp r = Platform.postJson(BASE, "/api/v1/models/embeddings", Platform.token(),
                "{\"input\":[\"The cat sits on the mat.\",\"A kitten sits on a rug.\",\"Revenue grew by 8%.\"]}");
        assertEquals(200, r.status(), r.toString());
        JsonNode body = r.json();
        assertEquals("list", body.path("object").asText());
        assertEquals("local", body.path("model").asText());
        assertEquals(3, body.path("data").size());
        double[][] v = new double[3][];
        for (int i = 0; i < 3; i++) {
            JsonNode item = body.path("data").get(i);
            assertEquals("embedding", item.path("object").asText());
            assertEquals(i, item.path("index").asInt());
            assertEquals(384, item.path("embedding").size());
            v[i] = new double[384];
            for (int d = 0; d < 384; d++) {
                v[i][d] = item.path("embedding").get(d).asDouble();
            }
        }
        assertTrue(cosine(v[0], v[1]) > cosine(v[0], v[2]), "similar sentences are closer");
        Platform.Resp single = Platform.postJson(BASE, "/api/v1/models/embeddings", Platform.token(), "{\"input\":\"hello\"}");
        assertEquals(384, single.json().at("/data/0/embedding").size());
        Platform.assertError(Platform.postJson(BASE, "/api/v1/models/embeddings", Platform.token(), "{\"input\":42}"), 400, "E4001");
    }

    @Test
    void remoteOpenAiAnthropicAndOllamaProvidersAnswerOverTheirWireFormats() {
        try (FakeProvider own = newFake()) {
            own.answer = "Paris is the capital of France.";
            String openai = register(own, "oa", "openai", false, "1", "2", 5000);
            JsonNode a = chat(BASE, "{\"model\":\"" + openai + "\"," + userMessage("Capital of France?") + ",\"cache\":false}");
            assertEquals("Paris is the capital of France.", a.at("/choices/0/message/content").asText());
            assertEquals(openai, a.path("model").asText());
            assertEquals("openai", a.path("provider").asText());
            assertEquals(5, a.at("/usage/prompt_tokens").asInt());
            assertEquals(0, new BigDecimal("0.000015").compareTo(a.at("/gateway/costUsd").decimalValue()), a.toString());
            assertEquals("fake-oa", own.bodies.get(0).path("model").asText());
            assertEquals("Capital of France?", own.bodies.get(0).at("/messages/0/content").asText());

            String anthropic = register(own, "an", "anthropic", false, "0", "0", 5000);
            JsonNode b = chat(BASE, "{\"model\":\"" + anthropic + "\"," + userMessage("Capital of France?") + ",\"cache\":false}");
            assertEquals("anthropic", b.path("provider").asText());
            assertEquals("Paris is the capital of France.", b.at("/choices/0/message/content").asText());
            assertTrue(own.bodies.get(1).path("max_tokens").asInt() > 0, "Anthropic's wire format: " + own.bodies.get(1));

            String ollama = register(own, "ol", "ollama", true, "0", "0", 5000);
            JsonNode c = chat(BASE, "{\"model\":\"" + ollama + "\"," + userMessage("Capital of France?") + ",\"cache\":false}");
            assertEquals("ollama", c.path("provider").asText());
            assertEquals("Paris is the capital of France.", c.at("/choices/0/message/content").asText());
            assertEquals(5, c.at("/usage/prompt_tokens").asInt());
            assertFalse(own.bodies.get(2).path("stream").asBoolean(), "Ollama's native format: " + own.bodies.get(2));
        }
    }

    @Test
    void aFailingPrimaryFailsOverToTheNextModelWithinTheSameRequest() {
        for (String failure : List.of("500", "429", "timeout")) {
            try (FakeProvider failing = newFake()) {
                if (failure.equals("timeout")) {
                    failing.mode = FakeProvider.Mode.HANG;
                } else {
                    failing.mode = FakeProvider.Mode.FAIL;
                    failing.failStatus = Integer.parseInt(failure);
                    failing.retryAfter = failure.equals("429") ? "1" : null;
                }
                String primary = register(failing, "fail" + failure, "openai", false, "0", "0", 800);
                String alias = unique("failover");
                setAlias(alias, "priority", linked(primary, 1, "local", 1));
                JsonNode answer = chat(BASE, "{\"model\":\"" + alias + "\"," + userMessage("Summarize: the gateway fails over.")
                        + ",\"cache\":false}");
                assertEquals("local", answer.path("model").asText(), failure + ": " + answer);
                JsonNode attempts = answer.at("/gateway/attempts");
                assertEquals(primary, attempts.get(0).path("model").asText(), attempts.toString());
                assertEquals("failed", attempts.get(0).path("outcome").asText());
                assertEquals(failure.equals("timeout") ? 504 : Integer.parseInt(failure), attempts.get(0).path("status").asInt(), attempts.toString());
                assertEquals("ok", attempts.get(attempts.size() - 1).path("outcome").asText());
                // 500 and timeouts are retried once with backoff; a Retry-After cools the model down instead.
                assertEquals(failure.equals("429") ? 2 : 3, attempts.size(), attempts.toString());
                assertTrue(failing.requests.get() >= 1);
            }
        }
    }

    @Test
    void anOpenCircuitSkipsTheProviderOnEveryInstance() throws InterruptedException {
        try (FakeProvider failing = newFake()) {
            failing.mode = FakeProvider.Mode.FAIL;
            String primary = register(failing, "circuit", "openai", false, "0", "0", 2000);
            String alias = unique("circuit");
            setAlias(alias, "priority", linked(primary, 1, "local", 1));
            // Call one instance directly until its circuit opens (3 failures, retries included).
            for (int i = 0; i < 3; i++) {
                chat(I1, "{\"model\":\"" + alias + "\"," + userMessage("call " + i) + ",\"cache\":false}");
            }
            int before = failing.requests.get();
            JsonNode answer = chat(I1, "{\"model\":\"" + alias + "\"," + userMessage("after") + ",\"cache\":false}");
            assertEquals("skipped-circuit-open", answer.at("/gateway/attempts/0/outcome").asText(), answer.toString());
            assertEquals("local", answer.path("model").asText());
            assertEquals(before, failing.requests.get(), "the provider was not called");
            assertEquals("open", circuitState(I1, primary));
            // The other instance heard of it (a grid topic) and skips the provider without ever having called it.
            long deadline = System.currentTimeMillis() + 5000;
            while (!"open".equals(circuitState(I2, primary)) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals("open", circuitState(I2, primary), "the circuit opened on i1 is open on i2");
            JsonNode onI2 = chat(I2, "{\"model\":\"" + alias + "\"," + userMessage("on i2") + ",\"cache\":false}");
            assertEquals("skipped-circuit-open", onI2.at("/gateway/attempts/0/outcome").asText(), onI2.toString());
            assertEquals(before, failing.requests.get(), "the provider was not called from i2 either");
        }
    }

    private static String circuitState(String instance, String model) {
        for (JsonNode m : Platform.get(instance, "/api/v1/models").json().path("items")) {
            if (m.path("id").asText().equals(model)) {
                return m.at("/circuit/state").asText();
            }
        }
        return "no such model";
    }

    @Test
    void confidentialRequestsNeverReachANonLocalProvider() {
        try (FakeProvider remote = newFake()) {
            String cloud = register(remote, "cloud", "openai", false, "1", "1", 5000);
            String alias = unique("conf");
            setAlias(alias, "priority", linked(cloud, 1, "local", 1));
            JsonNode answer = chat(BASE, "{\"model\":\"" + alias + "\"," + userMessage("Salary of Alice: 100k. Bob: 90k. Carol: 95k.")
                    + ",\"classification\":\"confidential\",\"cache\":false}");
            assertEquals("local", answer.path("model").asText());
            assertEquals(0, remote.requests.get(), "the cloud model never saw the request");

            String cloudOnly = unique("cloudonly");
            setAlias(cloudOnly, "priority", linked(cloud, 1));
            JsonNode error = Platform.assertError(Platform.postJson(BASE, "/api/v1/models/chat", Platform.token(),
                    "{\"model\":\"" + cloudOnly + "\"," + userMessage("secret") + ",\"classification\":\"confidential\"}"), 422, "E4022");
            assertTrue(error.at("/details/confidential").asBoolean(), error.toString());
            assertEquals(0, remote.requests.get());
        }
    }

    @Test
    void anAliasRollsBackToItsPreviousTargetInOneCall() {
        try (FakeProvider remote = newFake()) {
            remote.answer = "from the remote model";
            String remoteModel = register(remote, "rb", "openai", false, "0", "0", 5000);
            String alias = unique("rollback");
            assertEquals(1, setAlias(alias, "priority", linked(remoteModel, 1)).path("version").asInt());
            assertEquals(2, setAlias(alias, "priority", linked("local", 1)).path("version").asInt());
            assertEquals("local", chat(BASE, "{\"model\":\"" + alias + "\"," + userMessage("hi there") + ",\"cache\":false}").path("model").asText());

            Platform.Resp rolled = Platform.postJson(BASE, "/api/v1/models/aliases/" + alias + "/rollback", Platform.token(), "");
            assertEquals(200, rolled.status(), rolled.toString());
            assertEquals(3, rolled.json().path("version").asInt());
            assertEquals(remoteModel, rolled.json().at("/targets/0/model").asText());
            assertEquals(3, rolled.json().path("history").size());
            for (String base : List.of(I1, I2)) {
                JsonNode answer = chat(base, "{\"model\":\"" + alias + "\"," + userMessage("hi there") + ",\"cache\":false}");
                assertEquals(remoteModel, answer.path("model").asText(), "on " + base);
                assertEquals(3, answer.at("/gateway/aliasVersion").asInt());
            }
            Platform.assertError(Platform.postJson(BASE, "/api/v1/models/aliases/" + unique("none") + "/rollback", Platform.token(), ""),
                    404, "E4004");
        }
    }

    @Test
    void everyCallLeavesAUsageRecordAlsoFailedOnes() throws Exception {
        String goal = unique("goal");
        String text = "One. Two. Three. Four. " + goal + ".";
        chat(I1, "{" + userMessage(text) + ",\"goalId\":\"" + goal + "\",\"cache\":false}");
        chat(I2, "{" + userMessage(text) + ",\"goalId\":\"" + goal + "\"}");
        JsonNode hit = chat(I1, "{" + userMessage(text) + ",\"goalId\":\"" + goal + "\"}"); // from the data grid, written by i2
        assertTrue(hit.at("/gateway/cacheHit").asBoolean(), hit.toString());
        try (FakeProvider failing = newFake()) {
            failing.mode = FakeProvider.Mode.FAIL;
            String dead = register(failing, "dead", "openai", false, "0", "0", 2000);
            Platform.assertError(Platform.postJson(BASE, "/api/v1/models/chat", Platform.token(),
                    "{\"model\":\"" + dead + "\"," + userMessage("x") + ",\"goalId\":\"" + goal + "\"}"), 502, "E4102");
        }
        // Usage is written in batches off the request thread: it is in the table within a second.
        JsonNode items = null;
        for (int wait = 0; wait < 50; wait++) {
            items = Platform.get(BASE, "/api/v1/models/usage?goalId=" + goal).json().path("items");
            long seen = 0;
            for (JsonNode h : items) {
                seen += h.path("calls").asLong();
            }
            if (seen >= 4) {
                break;
            }
            Thread.sleep(100);
        }
        long calls = 0, ok = 0, failed = 0, hits = 0, tokensIn = 0;
        for (JsonNode h : items) {
            calls += h.path("calls").asLong();
            ok += h.path("ok").asLong();
            failed += h.path("failed").asLong();
            hits += h.path("cacheHits").asLong();
            tokensIn += h.path("tokensIn").asLong();
            assertFalse(h.path("hour").asText().isEmpty());
        }
        assertEquals(4, calls, items.toString());
        assertEquals(3, ok, items.toString());
        assertEquals(1, failed, items.toString());
        assertEquals(1, hits, items.toString());
        assertTrue(tokensIn > 0);
        assertEquals(4, Database.number("select count(*) from modelgateway.usage where goal_id = '" + goal + "' and caller = 'admin'"));
    }

    @Test
    void usageIsPartitionedByDayAheadAndRetentionDropsWholePartitions() {
        assertEquals(1, Database.number("select count(*) from pg_class where relname = 'usage_'"
                + " || to_char(current_date + 7, 'YYYY_MM_DD') and relnamespace = 'modelgateway'::regnamespace"), "a week ahead");
        Database.rows("select modelgateway.ensure_usage_partition(current_date - 400)");
        assertEquals(1, Database.number("select count(*) from pg_class where relname = 'usage_' || to_char(current_date - 400, 'YYYY_MM_DD')"));
        assertTrue(Database.number("select modelgateway.drop_usage_partitions_before(current_date - 300)") >= 1);
        assertEquals(0, Database.number("select count(*) from pg_class where relname = 'usage_' || to_char(current_date - 400, 'YYYY_MM_DD')"));
        assertEquals(1, Database.number("select count(*) from pg_class where relname = 'usage_' || to_char(current_date, 'YYYY_MM_DD')"),
                "today's partition stays");
    }

    @Test
    void streamingPassesTokensThroughAsTheyArrive() throws Exception {
        for (String kind : List.of("openai", "anthropic", "ollama")) {
            streamsThrough(kind);
        }
    }

    private void streamsThrough(String kind) throws Exception {
        try (FakeProvider streaming = newFake()) {
            streaming.streamPieces = List.of("Hello", " world", " !");
            streaming.streamGapMillis = 500;
            String model = register(streaming, "stream", kind, false, "0", "0", 5000);
            HttpRequest request = Platform.authed(Platform.request(BASE, "/api/v1/models/chat").header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"" + model + "\"," + userMessage("greet") + ",\"stream\":true}", StandardCharsets.UTF_8)), Platform.token())
                    .timeout(Duration.ofSeconds(20)).build();
            long start = System.nanoTime();
            List<Long> arrivals = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            List<JsonNode> chunks = new ArrayList<>();
            HttpResponse<java.util.stream.Stream<String>> response = Platform.HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            boolean done = false;
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.equals("data: [DONE]")) {
                    done = true;
                    break;
                }
                if (line.startsWith("data: ")) {
                    JsonNode chunk = Platform.parse(line.substring(6));
                    chunks.add(chunk);
                    String piece = chunk.at("/choices/0/delta/content").asText("");
                    if (!piece.isEmpty()) {
                        text.append(piece);
                        arrivals.add((System.nanoTime() - start) / 1_000_000);
                    }
                }
            }
            assertTrue(done);
            assertEquals("Hello world !", text.toString());
            assertEquals(3, arrivals.size());
            assertTrue(arrivals.get(2) - arrivals.get(0) >= 600, kind + ": pieces arrive as the provider sends them: " + arrivals);
            JsonNode last = chunks.get(chunks.size() - 1);
            assertEquals(model, last.path("model").asText());
            assertEquals(kind, last.at("/gateway/provider").asText());
            assertTrue(last.at("/usage/completion_tokens").asInt() > 0, last.toString());
            assertEquals("stop", last.at("/choices/0/finish_reason").asText());
        }
    }

    @Test
    void aWeightedSplitIsStickyPerGoalAndNearItsWeights() {
        String alias = unique("ab");
        try (FakeProvider b = newFake()) {
            String variantB = register(b, "variantb", "openai", false, "0", "0", 5000);
            setAlias(alias, "weighted", linked("local", 70, variantB, 30));
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < 100; i++) {
                JsonNode a = chat(i % 2 == 0 ? I1 : I2, "{\"model\":\"" + alias + "\"," + userMessage("hi") + ",\"goalId\":\"g-" + alias + "-" + i
                        + "\",\"cache\":false}");
                counts.merge(a.path("model").asText(), 1, Integer::sum);
            }
            int local = counts.getOrDefault("local", 0);
            assertTrue(local >= 55 && local <= 85, "70/30 within tolerance: " + counts);
            String sticky = chat(I1, "{\"model\":\"" + alias + "\"," + userMessage("hi") + ",\"goalId\":\"sticky\",\"cache\":false}").path("model").asText();
            for (int i = 0; i < 5; i++) {
                assertEquals(sticky, chat(i % 2 == 0 ? I1 : I2, "{\"model\":\"" + alias + "\"," + userMessage("hi")
                        + ",\"goalId\":\"sticky\",\"cache\":false}").path("model").asText());
            }
        }
    }

    @Test
    void aBudgetIsNeverOverrunBy50ConcurrentCallsOnBothInstances() throws Exception {
        try (FakeProvider priced = newFake()) {
            priced.delayMillis = 200; // reservations overlap
            priced.promptTokens = 5;
            priced.completionTokens = 5;
            String model = register(priced, "priced", "openai", false, "1000", "1000", 5000); // $0.01 per call of 5 + 5 tokens
            String goal = unique("budget");
            Platform.Resp set = Platform.send(Platform.authed(Platform.request(BASE, "/api/v1/models/budgets")
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"scopeType\":\"goal\",\"scopeId\":\"" + goal + "\",\"period\":\"day\",\"limitUsd\":0.1}")), Platform.token()));
            assertEquals(200, set.status(), set.toString());
            Thread.sleep(1000); // a new budget reaches the other instance's gateway through a data grid topic
            String body = "{\"model\":\"" + model + "\"," + userMessage("count to three please") + ",\"max_tokens\":5,\"goalId\":\"" + goal
                    + "\",\"cache\":false}";
            String token = Platform.token();
            ExecutorService pool = Executors.newFixedThreadPool(50);
            List<Future<Platform.Resp>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String base = i % 2 == 0 ? I1 : I2;
                results.add(pool.submit(() -> Platform.postJson(base, "/api/v1/models/chat", token, body)));
            }
            int ok = 0, refused = 0;
            for (Future<Platform.Resp> f : results) {
                Platform.Resp r = f.get();
                if (r.status() == 200) {
                    ok++;
                } else {
                    JsonNode error = Platform.assertError(r, 402, "E4201");
                    assertNotNull(error.at("/details/remainingUsd").decimalValue(), error.toString());
                    refused++;
                }
            }
            pool.shutdown();
            assertEquals(50, ok + refused);
            assertTrue(ok >= 1 && refused >= 1, "ok " + ok + ", refused " + refused);
            JsonNode budget = null;
            for (JsonNode b : Platform.get(BASE, "/api/v1/models/budgets").json().path("items")) {
                if (b.path("scopeId").asText().equals(goal)) {
                    budget = b;
                }
            }
            assertNotNull(budget);
            BigDecimal spent = budget.path("spentUsd").decimalValue();
            assertTrue(spent.compareTo(new BigDecimal("0.1")) <= 0, "never above the limit: " + budget);
            assertEquals(0, spent.compareTo(new BigDecimal("0.01").multiply(BigDecimal.valueOf(ok))), "spent = calls made × cost: " + budget);
            assertEquals(0, budget.path("reservedUsd").decimalValue().signum(), "every reservation settled: " + budget);
            assertEquals(ok, priced.requests.get(), "refused calls never reached the provider");
        }
    }

    @Test
    void theSemanticCacheAnswersAParaphraseOnlyWhenAskedAndOnlyForOneQuestion() throws InterruptedException {
        try (FakeProvider remote = newFake()) {
            remote.answer = "Paris.";
            String model = register(remote, "semantic", "openai", false, "1", "1", 5000);
            String first = "{\"model\":\"" + model + "\"," + userMessage("What is the capital of France?") + ",\"cache\":\"semantic\"}";
            assertEquals(false, chat(I1, first).at("/gateway/cacheHit").asBoolean());
            JsonNode paraphrase = chat(I1, "{\"model\":\"" + model + "\"," + userMessage("What's the capital city of France?")
                    + ",\"cache\":\"semantic\"}");
            assertEquals("semantic", paraphrase.at("/gateway/cache").asText(), paraphrase.toString());
            assertEquals("Paris.", paraphrase.at("/choices/0/message/content").asText());
            assertEquals(1, remote.requests.get());
            Thread.sleep(300); // the entry travels to the other instance by a grid topic
            JsonNode onI2 = chat(I2, "{\"model\":\"" + model + "\"," + userMessage("Which city is the capital of France?")
                    + ",\"cache\":\"semantic\"}");
            assertEquals("semantic", onI2.at("/gateway/cache").asText(), "the other instance answers from the shared entry: " + onI2);
            assertEquals(1, remote.requests.get());

            chat(I1, "{\"model\":\"" + model + "\"," + userMessage("What's the capital city of France?") + "}"); // exact cache only
            chat(I1, "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\","
                    + "\"content\":\"Hello\"},{\"role\":\"user\",\"content\":\"What's the capital city of France?\"}],\"cache\":\"semantic\"}");
            assertEquals(3, remote.requests.get(), "no semantic answer without opting in, nor in a conversation");
        }
    }

    @Test
    void aTokensPerMinuteLimitAnswers429WithWhatRemains() throws Exception {
        try (FakeProvider remote = newFake()) {
            remote.promptTokens = 60;
            remote.completionTokens = 60;
            String model = register(remote, "tpm", "openai", false, "1", "1", 5000);
            String goal = unique("tpm");
            Platform.Resp set = Platform.send(Platform.authed(Platform.request(BASE, "/api/v1/models/budgets")
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"scopeType\":\"goal\",\"scopeId\":\""
                            + goal + "\",\"period\":\"total\",\"limitUsd\":10,\"tokensPerMinute\":150}")), Platform.token()));
            assertEquals(200, set.status(), set.toString());
            assertEquals(150, set.json().path("tokensPerMinute").asInt());
            Thread.sleep(1000);
            String body = "{\"model\":\"" + model + "\"," + userMessage("tpm") + ",\"max_tokens\":100,\"goalId\":\"" + goal + "\",\"cache\":false}";
            chat(I1, body); // 120 tokens used this minute
            Platform.Resp refused = Platform.postJson(I2, "/api/v1/models/chat", Platform.token(), body);
            JsonNode error = Platform.assertError(refused, 429, "E4202");
            assertEquals(150, error.at("/details/tokensPerMinute").asInt(), error.toString());
            assertEquals("60", refused.header("Retry-After").orElse(""));
            assertEquals(1, remote.requests.get(), "the refused call never reached the provider");
        }
    }

    @Test
    void aFloodOfLowPriorityCallsCannotStarveAnInteractiveOne() throws Exception {
        try (FakeProvider slow = newFake()) {
            slow.delayMillis = 3000;
            String model = register(slow, "slow", "openai", false, "0", "0", 10000);
            String token = Platform.token();
            ExecutorService pool = Executors.newFixedThreadPool(20);
            List<Future<Platform.Resp>> flood = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String body = "{\"model\":\"" + model + "\"," + userMessage("batch " + i) + ",\"priority\":\"low\",\"cache\":false}";
                flood.add(pool.submit(() -> Platform.postJson(I1, "/api/v1/models/chat", token, body)));
            }
            Thread.sleep(500);
            long start = System.nanoTime();
            JsonNode interactive = chat(I1, "{\"model\":\"local\"," + userMessage("Interactive question. Answer now.")
                    + ",\"priority\":\"high\",\"cache\":false}");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("local", interactive.path("model").asText());
            assertTrue(millis < 1500, "the interactive call did not wait for the batch: " + millis + " ms");
            int ok = 0, busy = 0;
            for (Future<Platform.Resp> f : flood) {
                Platform.Resp r = f.get();
                if (r.status() == 200) {
                    ok++;
                } else {
                    Platform.assertError(r, 503, "E4104");
                    busy++;
                }
            }
            pool.shutdown();
            assertEquals(8, ok, "low-priority calls run at most 8 at a time (their bulkhead); busy: " + busy);
        }
    }

    @Test
    void theConsoleShowsTheRegistryAndTheCosts() {
        try (FakeProvider remote = newFake()) {
            String model = register(remote, "console", "openai", false, "2", "4", 5000);
            String alias = unique("consolealias");
            setAlias(alias, "priority", linked(model, 1, "local", 1));
            chat(BASE, "{\"model\":\"" + alias + "\"," + userMessage("console costs") + ",\"cache\":false}");
            Platform.Cookies jar = new Platform.Cookies();
            ConsoleIT.assertSuccessfulLogin(ConsoleIT.login(jar, I1, Platform.adminPassword()), jar);
            Platform.Resp models = jar.send(Platform.request(I2, "/console/models.xhtml").GET());
            assertEquals(200, models.status(), models.toString());
            assertTrue(models.body().contains(model) && models.body().contains(alias), "registry and alias on the page");
            assertTrue(models.body().contains(model + " → local"), "the route in failover order");
            Platform.Resp costs = jar.send(Platform.request(I1, "/console/costs.xhtml").GET());
            assertEquals(200, costs.status(), costs.toString());
            assertTrue(costs.body().contains("Spend per hour by model") && costs.body().contains(model), "chart and table");
        }
    }

    private static FakeProvider newFake() {
        try {
            return new FakeProvider();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> linked(Object... modelWeight) {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < modelWeight.length; i += 2) {
            m.put((String) modelWeight[i], (Integer) modelWeight[i + 1]);
        }
        return m;
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
