package org.agentplatform.eventstore.boundary;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.InvalidRequestCode;

/** An append: {@code expectedVersion} is "any", "none" (no stream yet) or the stream's version as a number. */
@InvalidRequestCode(ErrorCode.EVENT_INVALID)
public record AppendRequest(String expectedVersion,
        @NotEmpty(message = "events needs at least one event.") @Size(max = 1000, message = "events takes at most 1000 events.")
        List<@Valid RawEvent> events) {}
