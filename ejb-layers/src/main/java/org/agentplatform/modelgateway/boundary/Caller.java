package org.agentplatform.modelgateway.boundary;

import java.util.ArrayList;
import java.util.List;
import org.agentplatform.modelgateway.control.ChatCall;

/**
 * Who calls the gateway: the principal's name ({@code apikey:<id>} for API keys), and the request id.
 * Budgets apply to the key or the user, and to the agent and goal the request names.
 */
public record Caller(String principal, String requestId) {

    public String apiKeyId() {
        return principal.startsWith("apikey:") ? principal.substring("apikey:".length()) : null;
    }

    List<Budgets.Scope> budgetScopes(ChatCall.Ids ids) {
        List<Budgets.Scope> scopes = new ArrayList<>();
        if (apiKeyId() != null) {
            scopes.add(new Budgets.Scope("key", apiKeyId()));
        } else {
            scopes.add(new Budgets.Scope("user", principal));
        }
        if (ids.agentId() != null) {
            scopes.add(new Budgets.Scope("agent", ids.agentId()));
        }
        if (ids.goalId() != null) {
            scopes.add(new Budgets.Scope("goal", ids.goalId()));
        }
        return scopes;
    }
}
