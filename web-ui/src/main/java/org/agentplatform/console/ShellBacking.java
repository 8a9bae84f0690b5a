package org.agentplatform.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.agentplatform.gateway.security.ConsoleSessions;
import org.agentplatform.gateway.security.RequestIds;

/** What every console page shows around its content: who is signed in, and which instance served. */
@Named
@RequestScoped
public class ShellBacking {

    @Inject
    SecurityContext security;

    @Inject
    ConsoleSessions sessions;

    public String getUsername() {
        return security.getCallerPrincipal() == null ? "" : security.getCallerPrincipal().getName();
    }

    public boolean isAdmin() {
        return security.isCallerInRole("admin");
    }

    public boolean isOperator() {
        return security.isCallerInRole("operator");
    }

    /** Roles that manage API keys. */
    public boolean isKeyManager() {
        return isAdmin() || isOperator() || security.isCallerInRole("developer");
    }

    public int getIdleSeconds() {
        return sessions.idleSeconds();
    }

    public int getIdleMinutes() {
        return sessions.idleSeconds() / 60;
    }

    public int getIdleWarningSeconds() {
        return sessions.idleWarningSeconds();
    }

    public String getInstance() {
        return RequestIds.instance();
    }
}
