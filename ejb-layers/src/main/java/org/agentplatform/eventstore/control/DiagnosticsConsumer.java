package org.agentplatform.eventstore.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.agentplatform.eventstore.boundary.EventStore;
import org.agentplatform.eventstore.entity.EventType.StreamType;
import org.agentplatform.eventstore.entity.RecordedEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A consumer group for operators and system tests: records every delivery (which instance, when) in
 * {@code eventstore.diagnostic_deliveries}, so order, lag and at-least-once delivery can be checked
 * on a live cluster. It fails on purpose for a {@code ConfigurationSet} of key
 * {@code diagnostics.fail-until} until the time in its value has passed (to exercise retries,
 * parking and replay). Off unless {@code eventstore.diagnostics.enabled=true} in MicroProfile Config
 * or in the event-sourced platform configuration (stream {@code configuration/platform}, key
 * {@code eventstore.diagnostics.enabled}), which switches it at run time; while off, the group's
 * checkpoints move along without recording.
 */
@ApplicationScoped
public class DiagnosticsConsumer implements EventHandler {
    private static final String INSTANCE = System.getProperty("com.sun.aas.instanceName", "unknown");

    static final String KEY = "eventstore.diagnostics.enabled";
    private static final long RECHECK_NANOS = 2_000_000_000L;

    @Inject
    @ConfigProperty(name = KEY, defaultValue = "false")
    boolean configured;

    @Inject
    EventStore store;

    private volatile boolean switchedOn;
    private volatile long checkedAt = System.nanoTime() - RECHECK_NANOS;

    @Override
    public String group() {
        return "diagnostics";
    }

    @Override
    public String description() {
        return "Records every delivery for order, lag and at-least-once checks.";
    }

    @Override
    public List<String> eventTypes() {
        return List.of();
    }

    @Override
    public boolean enabled() {
        if (configured) {
            return true;
        }
        if (System.nanoTime() - checkedAt >= RECHECK_NANOS) {
            switchedOn = store.readStream(StreamType.CONFIGURATION, "platform", 1, true, 10_000).stream()
                    .filter(e -> KEY.equals(e.payload().path("key").asText()))
                    .reduce((first, second) -> second)
                    .map(e -> "true".equals(e.payload().path("value").asText()))
                    .orElse(false);
            checkedAt = System.nanoTime();
        }
        return switchedOn;
    }

    @Override
    public void handle(Connection c, RecordedEvent e) throws Exception {
        if ("ConfigurationSet".equals(e.eventType()) && "diagnostics.fail-until".equals(e.payload().path("key").asText())
                && Instant.now().isBefore(Instant.parse(e.payload().path("value").asText()))) {
            throw new IllegalStateException("diagnostics: failing on purpose until " + e.payload().path("value").asText());
        }
        try (PreparedStatement q = c.prepareStatement("insert into eventstore.diagnostic_deliveries (group_name, position,"
                + " stream_type, stream_id, version, instance, recorded_at, delivered_at) values (?, ?, ?, ?, ?, ?, ?, clock_timestamp())")) {
            q.setString(1, group());
            q.setLong(2, e.position());
            q.setString(3, e.streamType());
            q.setString(4, e.streamId());
            q.setLong(5, e.version());
            q.setString(6, INSTANCE);
            q.setTimestamp(7, Timestamp.from(e.recordedAt()));
            q.executeUpdate();
        }
    }
}
