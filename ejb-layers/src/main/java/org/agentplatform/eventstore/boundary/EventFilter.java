package org.agentplatform.eventstore.boundary;

import java.time.Instant;
import java.util.List;

/** Which events a read of all events returns; null or empty fields do not filter. */
public record EventFilter(List<String> types, String streamType, String streamId, Instant from, Instant to) {
    public static final EventFilter ALL = new EventFilter(List.of(), null, null, null, null);
}
