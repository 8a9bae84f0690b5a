package org.agentplatform.eventstore.control;

import java.sql.Connection;
import java.sql.SQLException;
import org.agentplatform.eventstore.entity.RecordedEvent;

/**
 * A read model updated in the same transaction as the append (the core ones, such as agents), so
 * the API never reads a model that lags its events. Implementations are CDI beans.
 */
public interface InlineProjection {

    /** The stream type whose events this projection applies. */
    String streamType();

    /** Applies one event (payload at its current schema version) on the appending transaction's connection. */
    void apply(Connection connection, RecordedEvent event) throws SQLException;

    /** Removes everything this projection wrote, before a rebuild from position 0. */
    void reset(Connection connection) throws SQLException;
}
