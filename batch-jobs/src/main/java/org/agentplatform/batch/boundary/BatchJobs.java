package org.agentplatform.batch.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Stateless;
import java.util.Properties;
import java.util.Set;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;

/**
 * Starts jobs and reads their state from the job repository, which all instances share
 * (PostgreSQL schema {@code batch}, set with {@code set-batch-runtime-configuration}): a job started
 * on one instance can be followed from the other.
 */
@Stateless
@RolesAllowed("admin")
public class BatchJobs {
    /** The jobs in META-INF/batch-jobs that may be started on demand. */
    static final Set<String> STARTABLE = Set.of("repository-check");

    public JobRun start(String jobName) {
        if (jobName == null || !STARTABLE.contains(jobName)) {
            throw new PlatformException(ErrorCode.JOB_NOT_FOUND, "No job named '" + jobName + "'; jobs: " + STARTABLE + ".");
        }
        long id = BatchRuntime.getJobOperator().start(jobName, new Properties());
        return status(id);
    }

    public JobRun status(long executionId) {
        JobOperator operator = BatchRuntime.getJobOperator();
        try {
            JobExecution e = operator.getJobExecution(executionId);
            return new JobRun(e.getExecutionId(), e.getJobName(), e.getBatchStatus().name(), e.getExitStatus());
        } catch (NoSuchJobExecutionException e) {
            throw new PlatformException(ErrorCode.JOB_NOT_FOUND, "No job execution " + executionId + ".");
        }
    }

    /** A job execution as callers see it. */
    public record JobRun(long executionId, String jobName, String batchStatus, String exitStatus) {}
}
