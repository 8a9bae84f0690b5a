package org.agentplatform.cluster.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./platform bench identity}: token verification cost inside the server, the gateway's
 * overhead (an authenticated no-op API call minus Payara's unauthenticated /health/live on the same
 * instance, one client, keep-alive, the two alternating), and password sign-ins per second (argon2id, 4 clients over
 * both instances). Prints {@code name: value} lines.
 */
public final class IdentityBench {
    private final String[] instances = System.getProperty("bench.instances").split(",");
    private final Path secrets = Path.of(System.getProperty("bench.secrets-dir"));
    private final HttpClient http;
    private final String password;

    private IdentityBench() throws Exception {
        http = BenchTls.client(secrets.resolve("ca.crt"));
        password = Files.readString(secrets.resolve("admin-password")).strip();
    }

    public static void main(String[] args) throws Exception {
        new IdentityBench().run();
    }

    private void run() throws Exception {
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        String token = login(instances[0]);
        String verify = send(instances[0] + "/api/v1/diagnostics/token-benchmark", token, "{\"tokens\":20000}").body();
        System.out.println("token_verify_p50_us: " + number(verify, "p50Micros"));
        System.out.println("token_verify_p99_us: " + number(verify, "p99Micros"));

        double[][] both = interleaved(instances[0] + "/health/live", instances[0] + "/api/v1/diagnostics/ping", token, 4000);
        double[] bare = both[0];
        double[] gated = both[1];
        System.out.printf("health_live_p50_ms: %.2f%nping_p50_ms: %.2f%n", bare[0], gated[0]);
        System.out.printf("gateway_overhead_p50_ms: %.2f%n", gated[0] - bare[0]);
        System.out.printf("gateway_overhead_p99_ms: %.2f%n", gated[1] - bare[1]);

        AtomicLong logins = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            String base = instances[c % instances.length];
            work.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    login(base);
                    logins.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("password_logins_per_s: %.1f%n", logins.get() / ((System.nanoTime() - start) / 1e9));
    }

    /**
     * p50 and p99 in ms of sequential GETs of the bare and the gated URL, alternating after a warm-up,
     * so both see the same machine (JIT, GC, neighbours): their difference is the gateway's.
     */
    private double[][] interleaved(String bareUrl, String gatedUrl, String token, int n) throws Exception {
        for (int i = 0; i < 300; i++) {
            get(bareUrl, null);
            get(gatedUrl, token);
        }
        double[] bare = new double[n];
        double[] gated = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            get(bareUrl, null);
            bare[i] = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            get(gatedUrl, token);
            gated[i] = (System.nanoTime() - t) / 1e6;
        }
        return new double[][] {percentiles(bare), percentiles(gated)};
    }

    private static double[] percentiles(double[] ms) {
        Arrays.sort(ms);
        return new double[] {ms[ms.length / 2], ms[(int) (ms.length * 0.99)]};
    }

    private void get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private String login(String base) throws Exception {
        String body = send(base + "/api/v1/auth/token", null,
                "{\"grant_type\":\"password\",\"username\":\"admin\",\"password\":\"" + password + "\"}").body();
        return body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> send(String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    private static String number(String json, String field) {
        return json.replaceAll(".*\"" + field + "\":([0-9.E]+).*", "$1");
    }
}
