package org.agentplatform.runtime.boundary;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.InvalidRequestCode;

/** A change to an agent: a new name, a new status, or both; absent fields stay as they are. */
@InvalidRequestCode(ErrorCode.AGENT_INVALID)
public record AgentPatch(
        @Pattern(regexp = "[A-Za-z0-9_.-]{1,100}", message = "name must be 1-100 characters of letters, digits, '_', '.', '-'.")
        String name,
        @Pattern(regexp = "created|active|idle|busy|suspended|terminated|error",
                message = "status must be one of created, active, idle, busy, suspended, terminated, error.")
        String status,
        @Size(max = 500, message = "reason is at most 500 characters.")
        String reason) {}
