package org.agentplatform.modelgateway.boundary;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * A budget for one API key, agent, goal or user: at most {@code limitUsd} per period (day, month or
 * total) and optionally at most {@code tokensPerMinute}. Setting a budget for a scope that has one
 * replaces its limits and keeps what was spent.
 */
public record BudgetRequest(
        @NotBlank @Pattern(regexp = "key|agent|goal|user", message = "scopeType is one of key, agent, goal, user.") String scopeType,
        @NotBlank(message = "scopeId is required (the key id, agent id, goal id or username).") @Size(max = 150) String scopeId,
        @Pattern(regexp = "day|month|total", message = "period is one of day, month, total.") String period,
        @NotNull(message = "limitUsd is required.") @DecimalMin(value = "0", message = "limitUsd is not negative.") BigDecimal limitUsd,
        @Min(value = 1, message = "tokensPerMinute is at least 1.") Integer tokensPerMinute) {}
