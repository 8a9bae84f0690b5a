package org.agentplatform.eventstore.boundary;


/**
 * What an append did: the stream's version after it and the positions of its events. {@code
 * idempotent} is true when every event id was appended before and nothing was written now (then
 * recordedAt is null).
 */
public record AppendResult(String streamType, String streamId, long version, long firstPosition, long lastPosition,
        String recordedAt, boolean idempotent) {}
