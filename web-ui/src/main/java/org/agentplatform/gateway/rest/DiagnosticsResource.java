package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.agentplatform.eventstore.boundary.AppendBenchmark;

/** {@code POST /diagnostics/append-benchmark {"batchSize","events","concurrency"}}: the in-server append benchmark (admin). */
@Path("diagnostics")
@Produces(APPLICATION_JSON)
@Consumes(APPLICATION_JSON)
@RolesAllowed("admin")
public class DiagnosticsResource {

    @Inject
    AppendBenchmark benchmark;

    /** What to measure. */
    public record BenchmarkRequest(int batchSize, int events, int concurrency) {}

    @POST
    @Path("append-benchmark")
    public AppendBenchmark.Result appendBenchmark(BenchmarkRequest request) throws Exception {
        return benchmark.run(request.batchSize(), request.events(), request.concurrency());
    }
}
