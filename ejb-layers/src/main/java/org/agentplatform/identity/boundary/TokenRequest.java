package org.agentplatform.identity.boundary;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An OAuth-style token request; only the password grant exists so far. */
public record TokenRequest(
        @JsonProperty("grant_type") String grantType, String username, String password) {

    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", username=" + username + "]"; // never the password
    }
}
