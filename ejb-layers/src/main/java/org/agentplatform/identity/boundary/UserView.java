package org.agentplatform.identity.boundary;

import java.util.List;

/** A user as admins see it (never the password hash). */
public record UserView(String username, List<String> roles, boolean enabled, String createdAt) {}
