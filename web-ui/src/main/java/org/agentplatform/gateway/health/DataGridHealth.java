package org.agentplatform.gateway.health;

import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while this instance is a running member of the Hazelcast data grid (sessions, caches,
 * locks). Reports how many members it sees: DAS + i1 + i2 when the grid is whole.
 */
@Readiness
@ApplicationScoped
public class DataGridHealth implements HealthCheck {

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    @Override
    public HealthCheckResponse call() {
        try {
            boolean running = grid != null && grid.getLifecycleService().isRunning();
            int members = running ? grid.getCluster().getMembers().size() : 0;
            return HealthCheckResponse.named("datagrid").status(running)
                    .withData("members", members)
                    .withData("cluster", running ? grid.getConfig().getClusterName() : "-")
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("datagrid").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
