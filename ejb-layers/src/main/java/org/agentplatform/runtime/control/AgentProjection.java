package org.agentplatform.runtime.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Locale;
import java.util.UUID;
import org.agentplatform.eventstore.control.InlineProjection;
import org.agentplatform.eventstore.control.StreamFolder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.agentplatform.eventstore.entity.EventType.StreamType;
import org.agentplatform.eventstore.entity.RecordedEvent;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;

/**
 * The {@code runtime.agents} read model, updated in the appending transaction. Its {@code version}
 * is the stream version (the ETag of the API). A name taken by another agent fails the append.
 */
@ApplicationScoped
public class AgentProjection implements InlineProjection, StreamFolder {
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public String streamType() {
        return StreamType.AGENT;
    }

    @Override
    public void apply(Connection c, RecordedEvent e) throws SQLException {
        try {
            switch (e.eventType()) {
                case "AgentCreated" -> update(c, "insert into runtime.agents (id, name, did, agent_type, status, created_at,"
                        + " updated_at, version) values (?, ?, ?, ?, 'CREATED', ?, ?, ?)", e,
                        UUID.fromString(e.streamId()), e.payload().get("name").asText(), e.payload().get("did").asText(),
                        e.payload().get("agentType").asText().toUpperCase(Locale.ROOT), Timestamp.from(e.recordedAt()),
                        Timestamp.from(e.recordedAt()), e.version());
                case "AgentRenamed" -> update(c, "update runtime.agents set name = ?, updated_at = ?, version = ? where id = ?", e,
                        e.payload().get("to").asText(), Timestamp.from(e.recordedAt()), e.version(), UUID.fromString(e.streamId()));
                case "AgentStatusChanged" -> update(c, "update runtime.agents set status = ?, updated_at = ?, version = ? where id = ?", e,
                        e.payload().get("to").asText().toUpperCase(Locale.ROOT), Timestamp.from(e.recordedAt()), e.version(),
                        UUID.fromString(e.streamId()));
                default -> throw new IllegalArgumentException("Not an agent event: " + e.eventType());
            }
        } catch (SQLException ex) {
            if (UNIQUE_VIOLATION.equals(ex.getSQLState())) {
                throw new PlatformException(ErrorCode.AGENT_NAME_TAKEN, "Another agent has this name already: choose another name.");
            }
            throw ex;
        }
    }

    @Override
    public JsonNode fold(List<RecordedEvent> events) {
        AgentState state = AgentState.fold(events);
        return state == null ? null : new ObjectMapper().createObjectNode()
                .put("id", state.id()).put("name", state.name()).put("did", state.did()).put("agentType", state.agentType())
                .put("status", state.status().wireName()).put("version", state.version())
                .put("createdAt", state.createdAt().toString()).put("updatedAt", state.updatedAt().toString());
    }

    @Override
    public void reset(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("delete from runtime.agents");
        }
    }

    private static void update(Connection c, String sql, RecordedEvent e, Object... args) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            if (q.executeUpdate() != 1) {
                throw new IllegalStateException("The agents projection has no row for " + e.streamId() + " at " + e.eventType());
            }
        }
    }
}
