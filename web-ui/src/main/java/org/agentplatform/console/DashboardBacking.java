package org.agentplatform.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.agentplatform.eventstore.boundary.SchemaMigrations;
import org.agentplatform.runtime.boundary.Agents;

/** console/index.xhtml: the platform at a glance. */
@Named
@RequestScoped
public class DashboardBacking {

    @Inject
    Agents agents;

    @Inject
    SchemaMigrations migrations;

    private long agentCount;

    public void load() {
        agentCount = agents.count();
    }

    public long getAgentCount() {
        return agentCount;
    }

    public String getSchemaVersion() {
        return migrations.version();
    }
}
