package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.Map;
import org.agentplatform.eventstore.boundary.AppendBenchmark;
import org.agentplatform.gateway.security.Roles;
import org.agentplatform.identity.boundary.TokenBenchmark;

/** Diagnostics for operators and benchmarks: append and token benchmarks (admin), ping (any role). */
@Path("diagnostics")
@Produces(APPLICATION_JSON)
@Consumes(APPLICATION_JSON)
@Roles("admin")
@ApplicationScoped
public class DiagnosticsResource {

    @Inject
    AppendBenchmark benchmark;

    @Inject
    TokenBenchmark tokenBenchmark;

    /** What to measure. */
    public record BenchmarkRequest(int batchSize, int events, int concurrency) {}

    /** What a token benchmark runs. */
    public record TokenBenchmarkRequest(int tokens) {}

    @POST
    @Path("token-benchmark")
    public TokenBenchmark.Result tokenBenchmark(TokenBenchmarkRequest request) throws Exception {
        return tokenBenchmark.run(request.tokens());
    }

    /** The cheapest authenticated call: what the gateway (token check, roles, JAX-RS) costs on its own. */
    @GET
    @Path("ping")
    @Roles({"admin", "operator", "developer", "auditor", "viewer", "policy_manager", "escalation_approver"})
    public Map<String, String> ping() {
        return Map.of("instance", System.getProperty("com.sun.aas.instanceName", "unknown"));
    }

    @POST
    @Path("append-benchmark")
    public AppendBenchmark.Result appendBenchmark(BenchmarkRequest request) throws Exception {
        return benchmark.run(request.batchSize(), request.events(), request.concurrency());
    }
}
