package org.agentplatform.modelgateway.boundary;

import java.math.BigDecimal;

/** A budget with what is spent and reserved (by calls still running) in the current period. */
public record BudgetView(String id, String scopeType, String scopeId, String period, BigDecimal limitUsd, BigDecimal spentUsd,
        BigDecimal reservedUsd, BigDecimal remainingUsd, String periodStart, Integer tokensPerMinute) {}
