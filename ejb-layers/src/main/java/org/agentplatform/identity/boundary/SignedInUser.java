package org.agentplatform.identity.boundary;

import java.io.Serializable;
import java.util.Set;

/**
 * Who signed in, with which roles and own rate limits ({@code read=100/60,write=20/60}, or null for
 * the defaults); kept in the replicated HTTP session by the console.
 */
public record SignedInUser(String username, Set<String> roles, String rateLimits) implements Serializable {

    public SignedInUser(String username, Set<String> roles) {
        this(username, roles, null);
    }
}
