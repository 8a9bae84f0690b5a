package org.agentplatform.gateway.rest;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The API under {@code /api/v1}. Bearer tokens and API keys are checked by the one authentication
 * mechanism ({@code PlatformAuthentication}, ADR 0001); roles by {@code @Roles} ({@code RoleCheck}).
 * JSON is Jackson's ({@link JsonFeature}).
 */
@ApplicationPath("api/v1")
@ApplicationScoped
@DeclareRoles({"admin", "operator", "developer", "auditor", "viewer", "policy_manager", "escalation_approver"})
@OpenAPIDefinition(info = @Info(title = "Agent Platform API", version = "3.0.0",
        description = "Agents, goals, plans and tasks. Authenticate with POST /api/v1/auth/token, then send 'Authorization: Bearer <token>'."))
public class PlatformApplication extends Application {

    /** Jersey enables one JSON feature; without this it picks JSON-B, which ignores the Jackson annotations. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.jsonFeature", "JacksonFeature");
    }
}
