package org.agentplatform.modelgateway.boundary;

import java.time.Instant;

/** Which usage records to aggregate; null fields do not filter. */
public record UsageFilter(Instant from, Instant to, String model, String provider, String caller, String apiKeyId, String agentId,
        String goalId, String operation) {}
