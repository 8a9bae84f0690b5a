package org.agentplatform.identity.boundary;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The OAuth token answer; its field names keep the standard snake_case. */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {}
