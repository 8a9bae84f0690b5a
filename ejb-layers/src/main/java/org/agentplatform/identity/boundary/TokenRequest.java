package org.agentplatform.identity.boundary;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An OAuth-style token request: the password grant or the refresh_token grant. */
public record TokenRequest(
        @JsonProperty("grant_type") String grantType, String username, String password,
        @JsonProperty("refresh_token") String refreshToken) {

    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", username=" + username + "]"; // never a secret
    }
}
