package org.agentplatform.eventstore.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.InvalidRequestCode;

/** An event sent to the append endpoint; without eventId one is assigned, without schemaVersion the current. */
@InvalidRequestCode(ErrorCode.EVENT_INVALID)
public record RawEvent(String eventId, @NotBlank(message = "type is required.") String type, Integer schemaVersion,
        @NotNull(message = "payload is required.") JsonNode payload) {}
