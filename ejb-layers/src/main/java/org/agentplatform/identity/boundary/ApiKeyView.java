package org.agentplatform.identity.boundary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An API key as listed; {@code key} (the secret) is present only in the answer that created it;
 * {@code rotatedTo} names the key that replaced it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(String id, String key, String prefix, String name, String owner, List<String> scopes,
        String createdAt, String expiresAt, String revokedAt, String lastUsedAt, long requestCount,
        ApiKeyRequest.RateLimit rateLimit, List<String> allowedAddresses, String rotatedTo) {}
