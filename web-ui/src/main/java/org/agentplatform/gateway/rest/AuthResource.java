package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import org.agentplatform.gateway.security.Roles;
import org.eclipse.microprofile.jwt.JsonWebToken;
import jakarta.ws.rs.core.Response;
import org.agentplatform.identity.boundary.TokenRequest;
import org.agentplatform.identity.boundary.Tokens;
import org.agentplatform.gateway.security.PlatformAuthentication;

/** {@code POST /auth/token} (the one endpoint that needs no token), {@code /auth/logout}, {@code /auth/logout-all}. */
@Path("auth")
@Produces(APPLICATION_JSON)
@Consumes(APPLICATION_JSON)
@PermitAll
@ApplicationScoped
public class AuthResource {

    @Inject
    Tokens tokens;

    @POST
    @Path("token")
    public Response token(TokenRequest request, @Context HttpServletRequest http) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(tokens.issue(request, PlatformAuthentication.clientAddress(http))).cacheControl(noStore).build();
    }

    /** What a sign-out may carry: the refresh token whose family ends too. */
    public record SignOut(@JsonProperty("refresh_token") String refreshToken) {}

    /** Signs out the presented access token (refused on every instance from now on) and the refresh token's family. */
    @POST
    @Path("logout")
    @Roles({"admin", "operator", "developer", "auditor", "viewer", "policy_manager", "escalation_approver"})
    public Response logout(SignOut request, @Context SecurityContext security) {
        JsonWebToken jwt = (JsonWebToken) security.getUserPrincipal();
        tokens.signOut(jwt.getTokenID(), Instant.ofEpochSecond(jwt.getExpirationTime()), request == null ? null : request.refreshToken());
        return Response.noContent().build();
    }

    /** Signs the caller out everywhere: every access and refresh token issued until now is refused. */
    @POST
    @Path("logout-all")
    @Roles({"admin", "operator", "developer", "auditor", "viewer", "policy_manager", "escalation_approver"})
    public Response logoutEverywhere(@Context SecurityContext security) {
        tokens.signOutEverywhere(security.getUserPrincipal().getName());
        return Response.noContent().build();
    }
}
