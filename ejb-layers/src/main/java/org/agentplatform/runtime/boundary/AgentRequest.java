package org.agentplatform.runtime.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.InvalidRequestCode;

/** What a caller sends to create an agent. */
@InvalidRequestCode(ErrorCode.AGENT_INVALID)
public record AgentRequest(
        @NotBlank(message = "name is required: 1-100 characters of letters, digits, '_', '.', '-'.")
        @Pattern(regexp = "[A-Za-z0-9_.-]{1,100}", message = "name must be 1-100 characters of letters, digits, '_', '.', '-'.")
        String name,
        @NotNull(message = "agentType is required: one of reasoning, tool, planner, evaluator, supervisor, assistant.")
        @Pattern(regexp = "reasoning|tool|planner|evaluator|supervisor|assistant",
                message = "agentType must be one of reasoning, tool, planner, evaluator, supervisor, assistant.")
        String agentType) {}
