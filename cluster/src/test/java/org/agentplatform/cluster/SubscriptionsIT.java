package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.BASE;
import static org.agentplatform.cluster.Platform.I1;
import static org.agentplatform.cluster.Platform.I2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Durable subscriptions on the live cluster, observed through the diagnostics consumer group (which
 * records every delivery): order per stream with consumers on both instances, retries then parking
 * then replay, nothing lost when an instance is killed, and rebuilt projections equal to live ones.
 */
class SubscriptionsIT {

    private static long append(String base, String stream, int n) {
        Platform.Resp r = EventStoreIT.appendConfig(base, stream, "{\"events\":[{\"type\":\"ConfigurationSet\",\"payload\":"
                + "{\"key\":\"test.n" + n + "\",\"value\":\"" + n + "\",\"scope\":\"platform\"}}]}");
        assertEquals(201, r.status(), r.toString());
        return r.json().path("lastPosition").asLong();
    }

    private static void await(String what, long seconds, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(200);
        }
    }

    private static Set<Long> delivered(long from, long to) {
        Set<Long> positions = new TreeSet<>();
        Database.rows("select distinct position from eventstore.diagnostic_deliveries where position between " + from + " and " + to)
                .forEach(r -> positions.add(Long.parseLong(r.get(0))));
        return positions;
    }

    @Test
    void eachStreamIsDeliveredInOrderWhileConsumersRunOnBothInstances() throws Exception {
        String prefix = Platform.uniqueName("order");
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            String stream = prefix + "-" + s;
            String base = s % 2 == 0 ? I1 : I2;
            results.add(writers.submit(() -> {
                List<Long> positions = new ArrayList<>();
                for (int n = 1; n <= 25; n++) {
                    positions.add(append(base, stream, n));
                }
                return positions;
            }));
        }
        Set<Long> appended = new TreeSet<>();
        for (Future<List<Long>> f : results) {
            appended.addAll(f.get());
        }
        writers.shutdown();
        long from = appended.iterator().next();
        long to = ((TreeSet<Long>) appended).last();
        await("all 200 events delivered", 60, () -> delivered(from, to).containsAll(appended));

        Map<String, List<Integer>> versionsByStream = new HashMap<>();
        Set<String> instances = new TreeSet<>();
        for (List<String> row : Database.rows("select stream_id, version, instance from eventstore.diagnostic_deliveries"
                + " where stream_id like '" + prefix + "-%' order by id")) {
            versionsByStream.computeIfAbsent(row.get(0), k -> new ArrayList<>()).add(Integer.parseInt(row.get(1)));
            instances.add(row.get(2));
        }
        assertEquals(8, versionsByStream.size());
        versionsByStream.forEach((stream, versions) -> {
            List<Integer> sorted = new ArrayList<>(versions);
            sorted.sort(null);
            assertEquals(sorted, versions, "delivery order of " + stream);
            assertEquals(25, new TreeSet<>(versions).size(), stream);
        });
        assertEquals(Set.of("i1", "i2"), instances, "consumers of the group run on both instances");
    }

    @Test
    void anEventThatKeepsFailingIsParkedAndAReplayDeliversIt() throws Exception {
        Instant failUntil = Instant.now().plusSeconds(8);
        Platform.Resp r = EventStoreIT.appendConfig(BASE, Platform.uniqueName("poison"), "{\"events\":[{\"type\":\"ConfigurationSet\","
                + "\"payload\":{\"key\":\"diagnostics.fail-until\",\"value\":\"" + failUntil + "\",\"scope\":\"platform\"}}]}");
        assertEquals(201, r.status(), r.toString());
        long position = r.json().path("lastPosition").asLong();

        JsonNode[] parked = new JsonNode[1];
        await("the event is parked", 30, () -> {
            for (JsonNode p : Platform.get(BASE, "/api/v1/subscriptions/diagnostics/parked").json().path("items")) {
                if (p.path("position").asLong() == position) {
                    parked[0] = p;
                    return true;
                }
            }
            return false;
        });
        assertEquals(5, parked[0].path("attempts").asInt(), parked[0].toString());
        assertTrue(parked[0].path("error").asText().contains("failing on purpose"), parked[0].toString());
        assertEquals(Set.of(), delivered(position, position), "a parked event was not delivered");
        assertTrue(Platform.get(BASE, "/api/v1/subscriptions/diagnostics").json().path("parked").asLong() >= 1);

        Thread.sleep(Math.max(0, failUntil.toEpochMilli() - System.currentTimeMillis() + 500));
        Platform.Resp replay = Platform.postJson(BASE, "/api/v1/subscriptions/diagnostics/parked/" + position + "/replay",
                Platform.token(), "");
        assertEquals(200, replay.status(), replay.toString());
        assertEquals(1, replay.json().path("replayed").asInt(), replay.toString());
        assertEquals(Set.of(position), delivered(position, position));
        for (JsonNode p : Platform.get(BASE, "/api/v1/subscriptions/diagnostics/parked").json().path("items")) {
            assertTrue(p.path("position").asLong() != position, "no longer parked");
        }
        Platform.assertError(Platform.postJson(BASE, "/api/v1/subscriptions/diagnostics/parked/" + position + "/replay",
                Platform.token(), ""), 404, "E1102");
    }

    @Test
    void killingAnInstanceWhileItConsumesLosesNoEvent() throws Exception {
        String stream = Platform.uniqueName("crash");
        long victim = Long.parseLong(Files.readString(Platform.VAR.resolve("run/i1.pid")).strip());
        Set<Long> appended = new TreeSet<>();
        try {
            for (int n = 1; n <= 150; n++) {
                if (n == 60) {
                    assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(victim)).start().waitFor(), "kill -9 i1");
                }
                appended.add(append(I2, stream + "-" + (n % 5), n));
            }
            long from = appended.iterator().next();
            long to = ((TreeSet<Long>) appended).last();
            await("every event appended around the crash is delivered", 90, () -> delivered(from, to).containsAll(appended));
            long lowestCheckpoint = Database.number("select min(position) from eventstore.checkpoints where group_name = 'diagnostics'");
            assertTrue(lowestCheckpoint >= to, "checkpoints reached the end: " + lowestCheckpoint + " < " + to);
        } finally {
            restart("i1");
        }
    }

    @Test
    void rebuiltProjectionsEqualTheLiveOnes() throws Exception {
        for (int i = 0; i < 3; i++) {
            String id = Platform.createAgent(BASE, Platform.uniqueName("proj"), "evaluator").path("id").asText();
            assertEquals(200, EventStoreIT.patch(BASE, id, null, "{\"status\":\"" + (i == 0 ? "active" : "suspended") + "\"}").status());
        }
        String agents = "select id, name, did, agent_type, status, created_at, updated_at, version from runtime.agents order by id";
        String counts = "select status, agents from runtime.agent_status_counts where agents <> 0 order by status";
        await("the status counts caught up", 30,
                () -> Platform.get(BASE, "/api/v1/subscriptions/agent-status-counts").json().path("lag").asLong() == 0);
        List<List<String>> liveAgents = Database.rows(agents);
        List<List<String>> liveCounts = Database.rows(counts);
        long agentRows = Database.number("select count(*) from runtime.agents");
        assertEquals(agentRows, liveCounts.stream().mapToLong(r -> Long.parseLong(r.get(1))).sum(), "counts add up to the agents");

        Platform.Resp inline = Platform.postJson(BASE, "/api/v1/projections/agents/rebuild", Platform.token(), "");
        assertEquals(202, inline.status(), inline.toString());
        assertEquals(liveAgents, Database.rows(agents), "rebuilt agents = live agents");

        Platform.Resp followed = Platform.postJson(BASE, "/api/v1/projections/agent-status-counts/rebuild", Platform.token(), "");
        assertEquals(202, followed.status(), followed.toString());
        await("the status counts are rebuilt", 60,
                () -> "live".equals(Platform.get(BASE, "/api/v1/projections/agent-status-counts").json().path("status").asText()));
        assertEquals(liveCounts, Database.rows(counts), "rebuilt counts = live counts");
        Platform.assertError(Platform.postJson(BASE, "/api/v1/projections/nothing/rebuild", Platform.token(), ""), 404, "E1201");
    }

    private static void restart(String instance) throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).resolve("../platform").normalize();
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "instance", "start", instance).inheritIO();
        pb.environment().put("PLATFORM_VAR", Platform.VAR.toString());
        assertEquals(0, pb.start().waitFor(), "./platform instance start " + instance);
    }
}
