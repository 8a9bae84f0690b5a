package org.agentplatform.cluster.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * {@code ./platform bench modelgateway}: the gateway's own overhead. A fake OpenAI-compatible provider
 * runs in this JVM and answers at once; the same chat request is timed directly against it and
 * through the gateway (HTTPS to the instances, token checked, routed, budget admission, usage
 * recorded, cache off), at 1 and at 50 concurrent callers (spread over both instances). Overhead =
 * gateway latency minus direct latency, per percentile. Also prints the API's floor (an authenticated
 * no-op on the same instance, measured warm), which the overhead includes, and the calls per second
 * reached. Prints {@code name: value} lines, the headline {@code overhead_p99_ms_c50} last.
 */
public final class ModelGatewayBench {
    private static final String ANSWER = "{\"id\":\"chatcmpl-b\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"bench\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}";
    private final String[] instances = System.getProperty("bench.instances").split(",");
    private final Path secrets = Path.of(System.getProperty("bench.secrets-dir"));
    /** For setting up (sign-in, registering the model). */
    private final HttpClient https;
    /**
     * For every timed call, direct and through the gateway alike: a blocking client on pooled keep-alive
     * connections, so what is timed is the server's answer, not the JDK client's hand-offs between its
     * selector and executor threads (about 0.3 ms a call on this machine, direct calls included).
     */
    private final CloseableHttpClient timed;

    private ModelGatewayBench() throws Exception {
        https = BenchTls.client(secrets.resolve("ca.crt"));
        timed = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(BenchTls.context(secrets.resolve("ca.crt"))).buildClassic())
                        .setMaxConnPerRoute(64).setMaxConnTotal(256).build())
                .disableAutomaticRetries().disableCookieManagement().disableContentCompression().build();
    }

    public static void main(String[] args) throws Exception {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: +40 ms per call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        new ModelGatewayBench().run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        fake.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        fake.setExecutor(Executors.newFixedThreadPool(64));
        fake.start();
        String fakeUrl = "http://127.0.0.1:" + fake.getAddress().getPort() + "/v1";
        String token = login(instances[0]);
        String model = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> registered = post(https, instances[0] + "/api/v1/models", token, "{\"id\":\"" + model + "\",\"provider\":\"openai\","
                + "\"providerModel\":\"bench\",\"baseUrl\":\"" + fakeUrl + "\",\"contextWindow\":8000,\"capabilities\":[\"chat\"]}");
        if (registered.statusCode() != 201) {
            throw new IllegalStateException("registering the bench model failed: " + registered.body());
        }
        Thread.sleep(500); // every instance reloads the registry
        String direct = "{\"model\":\"bench\",\"messages\":[{\"role\":\"user\",\"content\":\"Say ok.\"}],\"max_tokens\":5}";
        String gateway = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say ok.\"}],\"max_tokens\":5,\"cache\":false}";

        for (int concurrency : new int[] {1, 50}) {
            int perCaller = concurrency == 1 ? 1000 : 40;
            // Warm-up: the steady state is measured, not the JIT compiling a freshly deployed application.
            measure(new String[] {fakeUrl + "/chat/completions"}, null, direct, 1, 500);
            measure(paths("/api/v1/models/chat"), token, gateway, concurrency, concurrency == 1 ? 2000 : 40);
            if (concurrency == 1) {
                double[] floor = measureGet(instances[0] + "/api/v1/diagnostics/ping", token, 500);
                System.out.printf("api_floor_ping_p50_ms: %.2f%napi_floor_ping_p99_ms: %.2f%n", floor[0], floor[1]);
            }
            double[] d = measure(new String[] {fakeUrl + "/chat/completions"}, null, direct, concurrency, perCaller);
            double[] g = measure(paths("/api/v1/models/chat"), token, gateway, concurrency, perCaller);
            System.out.printf("direct_p50_ms_c%d: %.2f%ndirect_p99_ms_c%d: %.2f%n", concurrency, d[0], concurrency, d[1]);
            System.out.printf("gateway_p50_ms_c%d: %.2f%ngateway_p99_ms_c%d: %.2f%n", concurrency, g[0], concurrency, g[1]);
            // At 50 callers the machine is saturated: latency is then callers / throughput (Little's law).
            System.out.printf("gateway_calls_per_s_c%d: %.0f%n", concurrency, g[2]);
            System.out.printf("overhead_p50_ms_c%d: %.2f%n", concurrency, g[0] - d[0]);
            System.out.printf("overhead_p99_ms_c%d: %.2f%n", concurrency, g[1] - d[1]);
        }
        fake.stop(0);
    }

    /** The platform's fixed cost per API call (TLS, token, audit): an authenticated no-op, for reading the overhead. */
    private double[] measureGet(String url, String token, int calls) throws Exception {
        long[] times = new long[calls];
        for (int i = 0; i < calls; i++) {
            HttpGet get = new HttpGet(url);
            get.addHeader("Authorization", "Bearer " + token);
            long t0 = System.nanoTime();
            int status = timed.execute(get, r -> {
                EntityUtils.consume(r.getEntity());
                return r.getCode();
            });
            times[i] = System.nanoTime() - t0;
            if (status != 200) {
                throw new IllegalStateException(url + " answered " + status);
            }
        }
        Arrays.sort(times);
        return new double[] {times[calls / 2] / 1e6, times[(int) (calls * 0.99)] / 1e6};
    }

    private String[] paths(String path) {
        return Arrays.stream(instances).map(i -> i + path).toArray(String[]::new);
    }

    /**
     * p50 and p99 in ms, and calls per second, of {@code perCaller} calls by each of {@code callers}
     * concurrent callers; fails on any non-200.
     */
    private double[] measure(String[] urls, String token, String body, int callers, int perCaller) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        long start = System.nanoTime();
        List<Future<long[]>> work = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            String url = urls[c % urls.length];
            work.add(pool.submit(() -> {
                long[] times = new long[perCaller];
                for (int i = 0; i < perCaller; i++) {
                    HttpPost post = new HttpPost(url);
                    post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
                    if (token != null) {
                        post.addHeader("Authorization", "Bearer " + token);
                    }
                    long t0 = System.nanoTime();
                    String[] answer = timed.execute(post, r -> new String[] {String.valueOf(r.getCode()), EntityUtils.toString(r.getEntity())});
                    times[i] = System.nanoTime() - t0;
                    if (!answer[0].equals("200")) {
                        throw new IllegalStateException(url + " answered " + answer[0] + ": " + answer[1]);
                    }
                }
                return times;
            }));
        }
        long[] all = new long[callers * perCaller];
        int n = 0;
        for (Future<long[]> f : work) {
            for (long t : f.get()) {
                all[n++] = t;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(all);
        return new double[] {all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, all.length / seconds};
    }

    private static HttpResponse<String> post(HttpClient client, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Signs in as the user {@code bench} (an admin with its own, very high rate limits, so the
     * thousands of calls measure the gateway and not the default 3000 writes a minute per user),
     * creating or resetting it with a fresh random password through the admin's token.
     */
    private String login(String base) throws Exception {
        String admin = signIn(base, "admin", Files.readString(secrets.resolve("admin-password")).strip());
        String password = UUID.randomUUID().toString();
        String limits = "\"rateLimits\":{\"read\":{\"requests\":1000000,\"windowSeconds\":60},"
                + "\"write\":{\"requests\":1000000,\"windowSeconds\":60}}";
        HttpResponse<String> created = post(https, base + "/api/v1/users", admin, "{\"username\":\"bench\",\"password\":\""
                + password + "\",\"roles\":[\"admin\"]," + limits + "}");
        if (created.statusCode() == 409) {
            HttpResponse<String> reset = https.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/users/bench"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"password\":\"" + password + "\",\"roles\":[\"admin\"],"
                            + "\"enabled\":true," + limits + "}")).build(), HttpResponse.BodyHandlers.ofString());
            if (reset.statusCode() != 200) {
                throw new IllegalStateException("resetting the bench user failed: " + reset.body());
            }
        } else if (created.statusCode() != 201) {
            throw new IllegalStateException("creating the bench user failed: " + created.body());
        }
        return signIn(base, "bench", password);
    }

    private String signIn(String base, String username, String password) throws Exception {
        HttpResponse<String> r = post(https, base + "/api/v1/auth/token", null,
                "{\"grant_type\":\"password\",\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("sign-in failed: " + r.body());
        }
        return m.group(1);
    }
}
