package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.agentplatform.batch.boundary.BatchJobs;
import org.agentplatform.batch.boundary.BatchJobs.JobRun;
import org.agentplatform.gateway.security.Roles;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.InvalidRequestCode;

/** Batch jobs for operators: {@code POST /jobs {"jobName":...}} starts one, {@code GET /jobs/{executionId}} follows it. */
@InvalidRequestCode(ErrorCode.JOB_INVALID)
@Path("jobs")
@Produces(APPLICATION_JSON)
@Consumes(APPLICATION_JSON)
@Roles("admin")
@ApplicationScoped
public class JobsResource {

    @Inject
    BatchJobs jobs;

    /** What a caller sends to start a job. */
    public record JobRequest(@NotNull(message = "jobName is required.") String jobName) {}

    @POST
    public Response start(@NotNull(message = "A JSON body is required.") JobRequest request, @Context UriInfo uri) {
        JobRun run = jobs.start(request.jobName());
        return Response.accepted(run).location(uri.getAbsolutePathBuilder().path(Long.toString(run.executionId())).build()).build();
    }

    @GET
    @Path("{executionId: [0-9]+}")
    public JobRun status(@PathParam("executionId") long executionId) {
        return jobs.status(executionId);
    }
}
