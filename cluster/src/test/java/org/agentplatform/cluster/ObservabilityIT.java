package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Health, metrics and OpenAPI on the public URL and on each instance. */
class ObservabilityIT {

    static final Map<String, String> TARGETS = new LinkedHashMap<>(Map.of("public", BASE, "i1", I1, "i2", I2));

    static final Map<String, Consumer<Resp>> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put("/health/live", r -> assertHealthUp(r));
        CHECKS.put("/health/started", r -> assertHealthUp(r));
        CHECKS.put("/health/ready", r -> assertHealthUp(r, "database", "datagrid"));
        CHECKS.put("/metrics", r -> {
            assertEquals(200, r.status(), r::toString);
            assertTrue(r.header("Content-Type").orElse("").startsWith("text/plain"), r::toString);
            assertTrue(r.body().contains("# TYPE"), () -> "not Prometheus text: " + r);
        });
        CHECKS.put("/openapi", r -> {
            assertEquals(200, r.status(), r::toString);
            assertTrue(r.body().contains("openapi"), () -> "not an OpenAPI document: " + r);
            assertTrue(r.body().contains("/agents"), () -> "OpenAPI does not describe /agents: " + r);
        });
    }

    @TestFactory
    Stream<DynamicTest> endpointsAnswerEverywhere() {
        return TARGETS.entrySet().stream().flatMap(t -> CHECKS.entrySet().stream().map(c ->
                DynamicTest.dynamicTest(c.getKey() + " on " + t.getKey(),
                        () -> c.getValue().accept(get(t.getValue(), c.getKey(), null)))));
    }
}
