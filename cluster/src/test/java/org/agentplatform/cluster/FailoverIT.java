package org.agentplatform.cluster;

import static org.agentplatform.cluster.Platform.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A dying instance costs no request: kill -9 one instance while requests flow through HAProxy, count
 * the failures (none), then start it again and see it take traffic. Leaves both instances running.
 */
class FailoverIT {
    private static final int REQUESTS = 200;
    private static final int KILL_AFTER = 40;

    @Test
    void killingAnInstanceMidLoadFailsNoRequestAndTheRestartedInstanceTakesTrafficAgain() throws Exception {
        String token = Platform.token();
        long victim = Long.parseLong(Files.readString(Platform.VAR.resolve("run/i2.pid")).strip());
        List<String> failures = new ArrayList<>();
        Set<String> servedAfterKill = new TreeSet<>();
        for (int n = 0; n < REQUESTS; n++) {
            if (n == KILL_AFTER) {
                assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(victim)).start().waitFor(), "kill -9 i2");
            }
            Platform.Resp r = Platform.get(BASE, "/api/v1/agents?limit=1", token);
            if (r.status() != 200 || !r.body().contains("\"items\"")) {
                failures.add(n + ": " + r.status() + " " + Platform.abbreviate(r.body()));
            }
            if (n > KILL_AFTER + 5) {
                r.headers().firstValue("X-Served-By").ifPresent(servedAfterKill::add);
            }
        }
        assertEquals(List.of(), failures, "requests that failed while i2 died");
        assertEquals(Set.of("i1"), servedAfterKill, "after the kill only i1 serves");

        restart("i2");
        long deadline = System.nanoTime() + 60_000_000_000L;
        Set<String> served = new TreeSet<>();
        while (!served.contains("i2") && System.nanoTime() < deadline) {
            Platform.get(BASE, "/api/v1/agents?limit=1", token).headers().firstValue("X-Served-By").ifPresent(served::add);
            Thread.sleep(200);
        }
        assertTrue(served.contains("i2"), "the restarted i2 takes traffic again through HAProxy; saw " + served);
    }

    private static void restart(String instance) throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).resolve("../platform").normalize();
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "instance", "start", instance).inheritIO();
        pb.environment().put("PLATFORM_VAR", Platform.VAR.toString());
        assertEquals(0, pb.start().waitFor(), "./platform instance start " + instance);
    }
}
