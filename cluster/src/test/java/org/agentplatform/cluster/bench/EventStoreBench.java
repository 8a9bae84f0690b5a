package org.agentplatform.cluster.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./platform bench eventstore}: (a) raw JDBC batch inserts of the events' row shape (the
 * physical limit here), (b) appends through the EventStore boundary inside the server (single events
 * and batches of 100; the same through the HTTPS API as api_* lines), (c) delivery lag from append to a durable subscriber (the
 * diagnostics consumer group) under a sustained append load. Prints {@code name: value} lines.
 */
public final class EventStoreBench {
    private static final String PAYLOAD = "{\"key\":\"bench.value\",\"value\":\"%d\",\"scope\":\"platform\"}";

    private final String[] instances;
    private final Path secrets;
    private final String pgPort;
    private final HttpClient http;
    private final String token;

    private EventStoreBench() throws Exception {
        instances = System.getProperty("bench.instances").split(",");
        secrets = Path.of(System.getProperty("bench.secrets-dir"));
        pgPort = System.getProperty("bench.pg-port");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(BenchTls.context(secrets.resolve("ca.crt"))).build();
        String password = Files.readString(secrets.resolve("admin-password")).strip();
        String body = post(instances[0] + "/api/v1/auth/token", null,
                "{\"grant_type\":\"password\",\"username\":\"admin\",\"password\":\"" + password + "\"}").body();
        token = body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    public static void main(String[] args) throws Exception {
        new EventStoreBench().run();
    }

    private void run() throws Exception {
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java " + Runtime.version());
        double raw = rawInserts(20_000);
        System.out.printf("raw_insert_per_s: %.0f%n", raw);
        System.out.printf("api_append_single_per_s: %.0f%n", appends(1, 8, Duration.ofSeconds(10)));
        System.out.printf("api_append_batch_per_s: %.0f%n", appends(100, 4, Duration.ofSeconds(10)));
        double single = boundary(1, 3_000, 4);
        System.out.printf("append_single_per_s: %.0f%n", single);
        double batch = boundary(100, 50_000, 2);
        System.out.printf("append_batch_per_s: %.0f%n", batch);
        double[] lag = deliveryLag(200, Duration.ofSeconds(15));
        System.out.printf("delivery_lag_p50_ms: %.1f%n", lag[0]);
        System.out.printf("delivery_lag_p99_ms: %.1f%n", lag[1]);
        System.out.printf("append_batch_ratio: %.2f%n", batch / raw);
    }

    /** Rows per second of JDBC batches of 100 into a table shaped and indexed like eventstore.events. */
    private double rawInserts(int rows) throws Exception {
        try (Connection c = database()) {
            try (Statement s = c.createStatement()) {
                s.execute("create temp table bench_events (like eventstore.events including defaults)");
                s.execute("alter table bench_events add primary key (position, recorded_at)");
                s.execute("create index on bench_events (stream_type, stream_id, version)");
                s.execute("create index on bench_events (event_type, position)");
                s.execute("create index on bench_events (recorded_at)");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement q = c.prepareStatement("insert into bench_events values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    q.setLong(1, i);
                    q.setString(2, "configuration");
                    q.setString(3, "bench-" + (i % 100));
                    q.setLong(4, i / 100 + 1);
                    q.setObject(5, UUID.randomUUID());
                    q.setString(6, "ConfigurationSet");
                    q.setInt(7, 2);
                    q.setString(8, String.format(PAYLOAD, i));
                    q.setString(9, "{\"actor\":\"user:admin\",\"correlationId\":\"" + UUID.randomUUID() + "\"}");
                    q.setTimestamp(10, Timestamp.from(Instant.now()));
                    q.addBatch();
                    if (i % 100 == 0) {
                        q.executeBatch();
                        c.commit();
                    }
                }
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Events per second appended by {@code clients} concurrent callers, spread over both instances. */
    private double appends(int perRequest, int clients, Duration duration) throws Exception {
        AtomicLong events = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> work = new ArrayList<>();
        long start = System.nanoTime();
        for (int client = 0; client < clients; client++) {
            String base = instances[client % instances.length];
            String stream = "bench-" + UUID.randomUUID();
            work.add(pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    StringBuilder body = new StringBuilder("{\"events\":[");
                    for (int i = 0; i < perRequest; i++) {
                        body.append(i == 0 ? "" : ",").append("{\"type\":\"ConfigurationSet\",\"payload\":")
                                .append(String.format(PAYLOAD, n++)).append('}');
                    }
                    HttpResponse<String> r = post(base + "/api/v1/streams/configuration/" + stream, token, body.append("]}").toString());
                    if (r.statusCode() != 201) {
                        throw new IllegalStateException("append answered " + r.statusCode() + ": " + r.body());
                    }
                    events.addAndGet(perRequest);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return events.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Events per second through the EventStore boundary inside the server (no HTTP in the loop). */
    private double boundary(int batchSize, int events, int concurrency) throws Exception {
        HttpResponse<String> r = post(instances[0] + "/api/v1/diagnostics/append-benchmark", token,
                "{\"batchSize\":" + batchSize + ",\"events\":" + events + ",\"concurrency\":" + concurrency + "}");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("append benchmark answered " + r.statusCode() + ": " + r.body());
        }
        return Double.parseDouble(r.body().replaceAll(".*\"eventsPerSecond\":([0-9.E]+).*", "$1"));
    }

    /** p50 and p99 of recorded-to-delivered time at {@code rate} single appends per second. */
    private double[] deliveryLag(int rate, Duration duration) throws Exception {
        switchDiagnostics(true);
        Thread.sleep(3000); // the consumer group notices within 2 s
        String stream = "lag-" + UUID.randomUUID();
        long intervalNanos = 1_000_000_000L / rate;
        long next = System.nanoTime();
        long end = next + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        int n = 0;
        while (System.nanoTime() < end) {
            String base = instances[n % instances.length];
            String body = "{\"events\":[{\"type\":\"ConfigurationSet\",\"payload\":" + String.format(PAYLOAD, n++) + "}]}";
            sent.add(pool.submit(() -> post(base + "/api/v1/streams/configuration/" + stream, token, body)));
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        for (Future<HttpResponse<String>> f : sent) {
            f.get();
        }
        pool.shutdown();
        Thread.sleep(3000);
        switchDiagnostics(false);
        try (Connection c = database(); PreparedStatement q = c.prepareStatement("select"
                + " percentile_cont(0.5) within group (order by extract(epoch from delivered_at - recorded_at)),"
                + " percentile_cont(0.99) within group (order by extract(epoch from delivered_at - recorded_at)), count(*)"
                + " from eventstore.diagnostic_deliveries where stream_id = ?")) {
            q.setString(1, stream);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                System.out.println("delivery_lag_events: " + r.getLong(3) + " of " + sent.size());
                return new double[] {r.getDouble(1) * 1000, r.getDouble(2) * 1000};
            }
        }
    }

    private void switchDiagnostics(boolean on) throws Exception {
        HttpResponse<String> r = post(instances[0] + "/api/v1/streams/configuration/platform", token,
                "{\"events\":[{\"type\":\"ConfigurationSet\",\"payload\":{\"key\":\"eventstore.diagnostics.enabled\",\"value\":\""
                        + on + "\",\"scope\":\"platform\"}}]}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("switching diagnostics answered " + r.statusCode() + ": " + r.body());
        }
    }

    private HttpResponse<String> post(String url, String bearer, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/platform?sslmode=verify-full&sslrootcert="
                + secrets.resolve("ca.crt"), "platform_owner", Files.readString(secrets.resolve("db-owner-password")).strip());
    }
}
