package org.agentplatform.gateway.security;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The roles that may call an API endpoint, on a resource method or on its class (the method's wins;
 * {@code @PermitAll} on a method makes it public). Enforced by {@link RoleCheck}; listed in
 * {@code docs/permissions.md}, which {@code PermissionMatrixTest} holds to these annotations.
 *
 * <p>Why not {@code @RolesAllowed} on resources: Payara then adds its own JAX-RS filter, which asks
 * Jakarta Security for the caller twice per request, each time probing the class path for JBoss,
 * GlassFish and WebLogic classes: a tenth of a busy instance's CPU (ADR 0008). EJBs keep
 * {@code @RolesAllowed}, which their container checks.
 */
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface Roles {
    String[] value();
}
