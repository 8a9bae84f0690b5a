package org.agentplatform.eventstore.boundary;

/** An event a consumer group gave up on after its maximum attempts, with the last error. */
public record ParkedEventView(String group, long position, String eventId, String eventType, String streamType,
        String streamId, int partition, int attempts, String error, String parkedAt) {}
