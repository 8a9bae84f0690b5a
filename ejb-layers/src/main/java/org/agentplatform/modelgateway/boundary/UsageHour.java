package org.agentplatform.modelgateway.boundary;

import java.math.BigDecimal;

/** The calls of one hour for one model (null: calls no model answered), summed. */
public record UsageHour(String hour, String model, String provider, long calls, long ok, long failed, long refused, long cacheHits,
        long streamed, long tokensIn, long tokensOut, BigDecimal costUsd, long avgLatencyMs, long p95LatencyMs) {}
