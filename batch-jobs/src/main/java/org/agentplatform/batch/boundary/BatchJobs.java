package org.agentplatform.batch.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Stateless;
import java.util.Properties;

/**
 * Starts jobs and reads their state from the job repository, which all instances share
 * (PostgreSQL, set with {@code set-batch-runtime-configuration}).
 */
@Stateless
@RolesAllowed("admin")
public class BatchJobs {

    public long start(String jobName) {
        return BatchRuntime.getJobOperator().start(jobName, new Properties());
    }

    public JobRun status(long executionId) {
        JobOperator operator = BatchRuntime.getJobOperator();
        JobExecution e = operator.getJobExecution(executionId);
        return new JobRun(e.getExecutionId(), e.getJobName(), e.getBatchStatus().name(), e.getExitStatus());
    }

    /** A job execution as callers see it. */
    public record JobRun(long executionId, String jobName, String batchStatus, String exitStatus) {}
}
