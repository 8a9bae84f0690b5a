package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The two instances form one cluster behind HAProxy. */
class ClusterIT {

    @Test
    void haproxySpreadsRequestsOverBothInstances() {
        var servedBy = new TreeSet<String>();
        var counts = new HashMap<String, Integer>();
        for (int i = 0; i < 30; i++) {
            Resp r = get(BASE, "/api/v1/agents?limit=1");
            assertEquals(200, r.status(), r::toString);
            assertTrue(r.json().path("items").isArray(), r::toString);
            servedBy.add(r.servedBy());
            counts.merge(r.servedBy(), 1, Integer::sum);
        }
        assertEquals(new TreeSet<>(List.of("i1", "i2")), servedBy, "X-Served-By over 30 requests: " + counts);
    }

    @Test
    void agentWrittenOnOneInstanceIsReadOnTheOther() {
        for (var writer : List.of("i1", "i2")) {
            String reader = writer.equals("i1") ? "i2" : "i1";
            String name = uniqueName("cluster-" + writer);
            Resp created = postJson(INSTANCES.get(writer), "/api/v1/agents", token(), agentJson(name, "planner"));
            assertEquals(201, created.status(), created::toString);
            assertEquals(writer, created.servedBy());
            JsonNode a = created.json();

            Resp read = get(INSTANCES.get(reader), "/api/v1/agents/" + a.path("id").asText());
            assertEquals(200, read.status(), read::toString);
            assertEquals(reader, read.servedBy());
            JsonNode b = read.json();
            assertSameAgent(a, b);
            assertEquals(name, b.path("name").asText());
            assertEquals("planner", b.path("agentType").asText());
        }
    }

    @Test
    void bothInstancesAreReadyWithDatabaseAndDatagrid() {
        for (Map.Entry<String, String> inst : INSTANCES.entrySet()) {
            Resp r = get(inst.getValue(), "/health/ready", null);
            assertEquals(200, r.status(), () -> inst.getKey() + ": " + r);
            assertHealthUp(r, "database", "datagrid");
        }
    }
}
