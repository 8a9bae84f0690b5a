package org.agentplatform.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.agentplatform.eventstore.boundary.SchemaMigrations;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Startup;

/** Startup: the schema is migrated. Liveness: the heap is not exhausted. */
public final class ApplicationHealth {
    private ApplicationHealth() {}

    @Startup
    @ApplicationScoped
    public static class SchemaStarted implements HealthCheck {
        @Inject
        SchemaMigrations migrations;

        @Override
        public HealthCheckResponse call() {
            String version = migrations.version();
            return HealthCheckResponse.named("schema").status(!"none".equals(version)).withData("version", version).build();
        }
    }

    @Liveness
    @ApplicationScoped
    public static class Heap implements HealthCheck {
        @Override
        public HealthCheckResponse call() {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
            double used = (double) heap.getUsed() / max;
            return HealthCheckResponse.named("heap").status(used < 0.98)
                    .withData("usedMiB", heap.getUsed() >> 20).withData("maxMiB", max >> 20).build();
        }
    }
}
