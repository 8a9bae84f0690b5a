package org.agentplatform.batch.boundary;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Records which instance ran it as the exit status, so a test can see where a job ran. */
@Dependent
@Named
public class RepositoryCheckBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Override
    public String process() {
        String instance = System.getProperty("com.sun.aas.instanceName", "unknown");
        job.setExitStatus("ran-on:" + instance);
        return "COMPLETED";
    }
}
