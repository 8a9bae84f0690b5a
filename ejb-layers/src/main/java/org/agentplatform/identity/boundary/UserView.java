package org.agentplatform.identity.boundary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A user as admins see it (never the password hash). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserView(String username, List<String> roles, boolean enabled, String createdAt,
        Map<String, ApiKeyRequest.RateLimit> rateLimits) {}
