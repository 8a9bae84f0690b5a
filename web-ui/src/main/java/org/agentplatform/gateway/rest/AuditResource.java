package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Map;
import org.agentplatform.gateway.security.Roles;
import org.agentplatform.identity.boundary.DecisionAudit;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.Page;
import org.agentplatform.kernel.PlatformException;

/** {@code GET /audit/decisions?outcome=allowed|denied&requestId=&limit=}: the newest authn/authz decisions. */
@Path("audit/decisions")
@Produces(APPLICATION_JSON)
@Roles({"admin", "auditor"})
@ApplicationScoped
public class AuditResource {

    @Inject
    DecisionAudit audit;

    @GET
    public Map<String, List<DecisionAudit.Decision>> list(@QueryParam("outcome") String outcome, @QueryParam("requestId") String requestId,
            @QueryParam("limit") Integer limit) {
        if (outcome != null && !outcome.equals("allowed") && !outcome.equals("denied")) {
            throw new PlatformException(ErrorCode.BAD_QUERY, "outcome is allowed or denied.");
        }
        return Map.of("items", audit.recent(outcome, requestId, Page.checkLimit(limit)));
    }
}
