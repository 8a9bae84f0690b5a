package org.agentplatform.eventstore.boundary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** A stream's state rebuilt from its events up to a position or a time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamStateView(String streamType, String streamId, Long asOfPosition, String asOfTime, long version,
        long lastPosition, JsonNode state) {}
