package org.agentplatform.gateway.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleCheckTest {

    @Roles({"admin", "viewer"})
    static class Resource {
        public void inherits() {}

        @Roles("admin")
        public void own() {}

        @PermitAll
        public void open() {}
    }

    @Test
    void theMethodsRolesWinThenTheClasssAndPermitAllHasNone() throws Exception {
        assertArrayEquals(new String[] {"admin"}, RoleCheck.rolesOf(Resource.class.getMethod("own"), Resource.class).value());
        assertArrayEquals(new String[] {"admin", "viewer"}, RoleCheck.rolesOf(Resource.class.getMethod("inherits"), Resource.class).value());
        assertNull(RoleCheck.rolesOf(Resource.class.getMethod("open"), Resource.class), "public: no check");
    }

    @Test
    void noCallerIs401ACallerInNoRoleIs403AndOneRoleIsEnough() {
        RoleCheck.Check check = new RoleCheck.Check(List.of("admin", "operator"));
        assertThrows(NotAuthorizedException.class, () -> check.filter(request(null, Set.of())));
        assertThrows(ForbiddenException.class, () -> check.filter(request("ann", Set.of("viewer"))));
        assertDoesNotThrow(() -> check.filter(request("bob", Set.of("viewer", "operator"))));
    }

    private static ContainerRequestContext request(String user, Set<String> roles) {
        SecurityContext security = new SecurityContext() {
            @Override public Principal getUserPrincipal() { return user == null ? null : () -> user; }
            @Override public boolean isUserInRole(String role) { return user != null && roles.contains(role); }
            @Override public boolean isSecure() { return true; }
            @Override public String getAuthenticationScheme() { return "Bearer"; }
        };
        return (ContainerRequestContext) Proxy.newProxyInstance(RoleCheckTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getSecurityContext")) {
                        return security;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
