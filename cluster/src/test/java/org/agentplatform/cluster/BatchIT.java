package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.I1;
import static org.agentplatform.cluster.Platform.I2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Both instances share one batch job repository in PostgreSQL: a job started on i1 is followed on i2. */
class BatchIT {

    @Test
    void jobStartedOnOneInstanceIsSeenCompletedOnTheOther() throws Exception {
        String token = Platform.token();
        Platform.Resp started = Platform.postJson(I1, "/api/v1/jobs", token, "{\"jobName\":\"repository-check\"}");
        assertEquals(202, started.status(), started.toString());
        long id = Platform.parse(started.body()).get("executionId").asLong();

        JsonNode run = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            run = Platform.parse(Platform.get(I2, "/api/v1/jobs/" + id, token).body());
            if ("COMPLETED".equals(run.path("batchStatus").asText())) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals("COMPLETED", run.path("batchStatus").asText(), run.toString());
        assertEquals("ran-on:i1", run.path("exitStatus").asText(), "the job ran where it was started");
        assertEquals("repository-check", run.path("jobName").asText());
    }

    @Test
    void unknownJobAndUnknownExecutionAnswerTheErrorShape() {
        String token = Platform.token();
        Platform.assertError(Platform.postJson(I1, "/api/v1/jobs", token, "{\"jobName\":\"no-such-job\"}"), 404, "E1304");
        Platform.assertError(Platform.get(I2, "/api/v1/jobs/999999999", token), 404, "E1304");
    }
}
