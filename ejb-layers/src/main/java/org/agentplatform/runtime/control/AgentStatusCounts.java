package org.agentplatform.runtime.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.agentplatform.eventstore.control.EventHandler;
import org.agentplatform.eventstore.entity.EventType.StreamType;
import org.agentplatform.eventstore.entity.RecordedEvent;

/** A projection that follows as a subscription: how many agents are in each status ({@code runtime.agent_status_counts}). */
@ApplicationScoped
public class AgentStatusCounts implements EventHandler {

    @Override
    public String group() {
        return "agent-status-counts";
    }

    @Override
    public String description() {
        return "Agents per status, for the dashboard.";
    }

    @Override
    public List<String> eventTypes() {
        return List.of("AgentCreated", "AgentStatusChanged");
    }

    @Override
    public String streamType() {
        return StreamType.AGENT;
    }

    @Override
    public boolean projection() {
        return true;
    }

    @Override
    public void handle(Connection c, RecordedEvent e) throws Exception {
        if (e.eventType().equals("AgentCreated")) {
            add(c, "created", 1);
        } else {
            add(c, e.payload().get("from").asText(), -1);
            add(c, e.payload().get("to").asText(), 1);
        }
    }

    @Override
    public void reset(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("delete from runtime.agent_status_counts");
        }
    }

    private static void add(Connection c, String status, int delta) throws Exception {
        try (PreparedStatement q = c.prepareStatement("insert into runtime.agent_status_counts (status, agents) values (?, ?)"
                + " on conflict (status) do update set agents = runtime.agent_status_counts.agents + excluded.agents")) {
            q.setString(1, status.toLowerCase(Locale.ROOT));
            q.setLong(2, delta);
            q.executeUpdate();
        }
    }
}
