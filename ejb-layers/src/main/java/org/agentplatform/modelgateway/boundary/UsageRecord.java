package org.agentplatform.modelgateway.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import org.agentplatform.modelgateway.control.ChatCall;

/** One call through the gateway, as it is recorded: also refused, failed, cached and streamed calls. */
public record UsageRecord(Instant at, String requestId, String operation, String requested, String model, String provider, String outcome,
        String errorCode, int tokensIn, int tokensOut, long latencyMs, BigDecimal costUsd, boolean cacheHit, boolean streamed,
        Caller caller, ChatCall.Ids ids) {}
