package org.agentplatform.gateway.security;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Enforces {@link Roles} on every resource method that declares them (on itself or its class): no
 * authenticated caller is a 401 (E9xxx "authentication required"), a caller in none of the roles a
 * 403. The caller and its roles are the container's, as {@code PlatformAuthentication} established
 * them for this request; this filter only reads them.
 */
@Provider
public class RoleCheck implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Roles roles = rolesOf(resource.getResourceMethod(), resource.getResourceClass());
        if (roles != null) {
            context.register(new Check(List.of(roles.value())), Priorities.AUTHORIZATION);
        }
    }

    /** The roles that apply to a method: its own, else (unless it is {@code @PermitAll}) its class's. */
    static Roles rolesOf(Method method, Class<?> type) {
        Roles own = method.getAnnotation(Roles.class);
        if (own != null || method.isAnnotationPresent(PermitAll.class)) {
            return own;
        }
        return type.getAnnotation(Roles.class);
    }

    static final class Check implements ContainerRequestFilter {
        private final List<String> roles;

        Check(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext caller = request.getSecurityContext();
            if (caller.getUserPrincipal() == null) {
                throw new NotAuthorizedException("Bearer");
            }
            for (String role : roles) {
                if (caller.isUserInRole(role)) {
                    return;
                }
            }
            throw new ForbiddenException("Caller not in any of the roles " + roles);
        }
    }
}
