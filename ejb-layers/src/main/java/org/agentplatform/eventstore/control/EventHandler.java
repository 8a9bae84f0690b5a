package org.agentplatform.eventstore.control;

import java.sql.Connection;
import java.util.List;
import org.agentplatform.eventstore.entity.RecordedEvent;

/**
 * A consumer group's code. Each event is handled in its own transaction together with the group's
 * checkpoint, so what a handler writes through {@code connection} happens exactly once; side
 * effects elsewhere happen at least once. Implementations are CDI beans.
 */
public interface EventHandler {

    /** The consumer group's name; also the projection's name when {@link #projection()}. */
    String group();

    String description();

    /** The event types it takes; empty for all. */
    List<String> eventTypes();

    /** The stream type it takes; null for all. */
    default String streamType() {
        return null;
    }

    /** Streams are spread over this many partitions; each is consumed by one instance at a time. */
    default int partitions() {
        return 4;
    }

    default int maxAttempts() {
        return 5;
    }

    /** False keeps the group registered but idle (e.g. a diagnostics consumer that is switched off). */
    default boolean enabled() {
        return true;
    }

    /** True when it maintains a read model that {@link #reset} empties for a rebuild. */
    default boolean projection() {
        return false;
    }

    void handle(Connection connection, RecordedEvent event) throws Exception;

    default void reset(Connection connection) throws Exception {
        throw new UnsupportedOperationException(group() + " is not a projection");
    }
}
