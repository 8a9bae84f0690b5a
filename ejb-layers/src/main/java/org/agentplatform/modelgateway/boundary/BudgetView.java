package org.agentplatform.modelgateway.boundary;

import java.math.BigDecimal;
import java.time.Instant;

/** A budget with what is spent and reserved (by calls still running) in the current period. */
public record BudgetView(String id, String scopeType, String scopeId, String period, BigDecimal limitUsd, BigDecimal spentUsd,
        BigDecimal reservedUsd, BigDecimal remainingUsd, Instant periodStart, Integer tokensPerMinute) {}
