package org.agentplatform.identity.boundary;

import java.io.Serializable;
import java.util.Set;

/** Who signed in and with which roles; kept in the replicated HTTP session by the console. */
public record SignedInUser(String username, Set<String> roles) implements Serializable {}
