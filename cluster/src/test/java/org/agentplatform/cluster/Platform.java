package org.agentplatform.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/** Shared plumbing of the system tests: configuration, TLS, HTTP, tokens, JSON and error-shape checks. */
final class Platform {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern UUID_RE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static final String BASE = url("platform.base-url");
    static final String I1 = url("platform.i1-url");
    static final String I2 = url("platform.i2-url");
    static final Path CA_CERT = Path.of(prop("platform.ca-cert"));
    static final Path SECRETS = Path.of(prop("platform.secrets-dir"));
    static final Path VAR = Path.of(prop("platform.var-dir"));
    static final int PUBLIC_PORT = optionalProp("platform.public-port").map(Integer::parseInt)
            .orElseGet(() -> URI.create(BASE).getPort());
    /** Instance name (value of X-Served-By) to its direct URL. */
    static final Map<String, String> INSTANCES = Map.of("i1", I1, "i2", I2);

    static final SSLContext SSL = sslContext();
    static final HttpClient HTTP = client(null);

    private static String cachedToken;

    private Platform() {}

    // ---------------------------------------------------------------- configuration

    static Optional<String> optionalProp(String name) {
        String v = System.getProperty(name);
        // failsafe passes "${x}" literally when the Maven property is not defined
        return v == null || v.isBlank() || v.startsWith("${") ? Optional.empty() : Optional.of(v.trim());
    }

    static String prop(String name) {
        return optionalProp(name).orElseThrow(() -> new IllegalStateException(
                "system property " + name + " is not set (run with -P system-tests / -Dplatform.base-url=...)"));
    }

    private static String url(String name) {
        String v = prop(name);
        return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }

    static String secret(String file) {
        try {
            return Files.readString(SECRETS.resolve(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String adminPassword() {
        return secret("admin-password");
    }

    // ---------------------------------------------------------------- TLS / HTTP

    /** An SSLContext trusting only the platform's local CA. */
    static SSLContext sslContext() {
        try (var in = new ByteArrayInputStream(Files.readAllBytes(CA_CERT))) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("platform-ca-" + i++, c);
            }
            if (i == 0) throw new IllegalStateException("no certificate in " + CA_CERT);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build SSLContext from " + CA_CERT, e);
        }
    }

    /** HTTP/1.1 client trusting the platform CA, never following redirects; protocols null = JDK defaults. */
    static HttpClient client(String[] tlsProtocols) {
        var b = HttpClient.newBuilder()
                .sslContext(SSL)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT);
        if (tlsProtocols != null) {
            SSLParameters p = SSL.getDefaultSSLParameters();
            p.setProtocols(tlsProtocols);
            b.sslParameters(p);
        }
        return b.build();
    }

    record Resp(int status, HttpHeaders headers, String body, HttpResponse<String> raw) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("response is not JSON (status " + status + "): " + abbreviate(body), e);
            }
        }

        String servedBy() {
            return header("X-Served-By").orElseThrow(() -> new AssertionError("no X-Served-By header: " + this));
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + headers.map() + " " + abbreviate(body);
        }
    }

    static String abbreviate(String s) {
        return s == null || s.length() <= 600 ? s : s.substring(0, 600) + "...(" + s.length() + " chars)";
    }

    static HttpRequest.Builder request(String baseUrl, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
    }

    static Resp send(HttpRequest.Builder req) {
        return send(HTTP, req);
    }

    /**
     * Sends with a hard deadline: the JDK's request timeout stops counting once the response headers
     * arrive, so a body that never ends would otherwise hang the test run.
     */
    static Resp send(HttpClient client, HttpRequest.Builder req) {
        HttpRequest r = req.build();
        var future = client.sendAsync(r, BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> res = future.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            return new Resp(res.statusCode(), res.headers(), res.body(), res);
        } catch (ExecutionException e) {
            throw new UncheckedIOException(r.method() + " " + r.uri() + " failed",
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new UncheckedIOException(new HttpTimeoutException(r.method() + " " + r.uri() + " did not complete"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder authed(HttpRequest.Builder b, String token) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    static Resp get(String baseUrl, String path, String token) {
        return send(authed(request(baseUrl, path).GET(), token));
    }

    static Resp get(String baseUrl, String path) {
        return get(baseUrl, path, token());
    }

    static Resp post(String baseUrl, String path, String token, String contentType, String body) {
        return send(authed(request(baseUrl, path)
                .header("Content-Type", contentType)
                .POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8)), token));
    }

    static Resp postJson(String baseUrl, String path, String token, String body) {
        return post(baseUrl, path, token, "application/json", body);
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- JSON

    static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- auth

    static Resp tokenRequest(String baseUrl, Map<String, String> body) {
        return postJson(baseUrl, "/api/v1/auth/token", null, toJson(body));
    }

    /** Forgets the cached token (after a test signed the admin out everywhere). */
    static synchronized void forgetToken() {
        cachedToken = null;
    }

    /** The admin's access token, fetched once per JVM through the public URL. */
    static synchronized String token() {
        if (cachedToken == null) {
            Resp r = tokenRequest(BASE, Map.of("grant_type", "password", "username", "admin",
                    "password", adminPassword()));
            assertEquals(200, r.status(), () -> "token grant failed: " + r);
            cachedToken = r.json().path("access_token").asText();
            assertFalse(cachedToken.isBlank(), () -> "no access_token: " + r);
        }
        return cachedToken;
    }

    // ---------------------------------------------------------------- agents

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static String agentJson(String name, String agentType) {
        var m = new LinkedHashMap<String, String>();
        if (name != null) m.put("name", name);
        if (agentType != null) m.put("agentType", agentType);
        return toJson(m);
    }

    /** Creates an agent and asserts the 201; returns the created body. */
    static JsonNode createAgent(String baseUrl, String name, String agentType) {
        Resp r = postJson(baseUrl, "/api/v1/agents", token(), agentJson(name, agentType));
        assertEquals(201, r.status(), () -> "create agent " + name + ": " + r);
        JsonNode a = r.json();
        assertEquals(name, a.path("name").asText(), () -> "created body: " + r);
        return a;
    }

    static final List<String> AGENT_FIELDS = List.of("id", "did", "name", "agentType", "status", "createdAt");

    /** The agent fields of the contract are present in {@code expected} and identical in {@code actual}. */
    static void assertSameAgent(JsonNode expected, JsonNode actual) {
        for (String f : AGENT_FIELDS) {
            assertTrue(expected.hasNonNull(f), () -> "agent lacks " + f + ": " + expected);
            assertEquals(expected.get(f), actual.get(f), () -> f + " differs: " + expected + " vs " + actual);
        }
    }

    /** Every agent, following nextCursor from the first page (limit 100). */
    static List<JsonNode> allAgents(String baseUrl, int limit) {
        List<JsonNode> all = new ArrayList<>();
        var cursors = new HashSet<String>();
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            String q = "/api/v1/agents?limit=" + limit + (cursor == null ? "" : "&cursor=" + enc(cursor));
            Resp r = get(baseUrl, q);
            assertEquals(200, r.status(), () -> "GET " + q + ": " + r);
            JsonNode body = r.json();
            assertTrue(body.path("items").isArray(), () -> "no items array: " + r);
            assertTrue(body.path("items").size() <= limit, () -> "page larger than limit " + limit + ": " + r);
            body.path("items").forEach(all::add);
            if (!body.has("nextCursor")) return all;
            assertTrue(body.get("nextCursor").isTextual(), () -> "the last page must omit nextCursor: " + r);
            cursor = body.get("nextCursor").asText();
            assertFalse(cursor.isBlank(), () -> "blank nextCursor: " + r);
            assertTrue(cursors.add(cursor), "nextCursor repeats itself: " + cursor);
            assertEquals(limit, body.path("items").size(), () -> "short page that still has a nextCursor: " + r);
        }
        throw new AssertionError("pagination did not end after 10000 pages");
    }

    static List<JsonNode> allAgents() {
        return allAgents(BASE, 100);
    }

    static List<String> names(List<JsonNode> agents) {
        return agents.stream().map(a -> a.path("name").asText()).toList();
    }

    static List<String> ids(List<JsonNode> agents) {
        return agents.stream().map(a -> a.path("id").asText()).toList();
    }

    // ---------------------------------------------------------------- errors

    /** Asserts the platform's error shape with the given status and code; returns the body. */
    static JsonNode assertError(Resp r, int status, String code) {
        assertEquals(status, r.status(), () -> "expected " + status + " " + code + " but got " + r);
        String ct = r.header("Content-Type").orElse("");
        assertTrue(ct.toLowerCase().startsWith("application/json"), () -> "error Content-Type " + ct + ": " + r);
        JsonNode e = r.json();
        assertEquals(code, e.path("code").asText(), () -> "error code: " + r);
        assertEquals(status, e.path("status").asInt(-1), () -> "status field: " + r);
        assertTrue(e.path("status").isInt(), () -> "status field is not a number: " + r);
        assertTrue(e.path("message").isTextual() && !e.path("message").asText().isBlank(), () -> "message: " + r);
        assertTrue(UUID_RE.matcher(e.path("errorId").asText()).matches(), () -> "errorId is not a UUID: " + r);
        if (e.has("details")) assertTrue(e.get("details").isObject(), () -> "details is not an object: " + r);
        return e;
    }

    // ---------------------------------------------------------------- health

    /** Asserts a MicroProfile Health answer: 200, status UP, and each named check present and UP. */
    static void assertHealthUp(Resp r, String... checks) {
        assertEquals(200, r.status(), r::toString);
        JsonNode h = r.json();
        assertEquals("UP", h.path("status").asText(), r::toString);
        for (String name : checks) {
            JsonNode check = null;
            for (JsonNode c : h.path("checks")) {
                if (name.equals(c.path("name").asText())) check = c;
            }
            assertNotNull(check, () -> "no health check named " + name + ": " + r);
            assertEquals("UP", check.path("status").asText(), () -> "check " + name + ": " + r);
        }
    }

    // ---------------------------------------------------------------- cookies

    /** A minimal cookie jar: remembers name=value of every Set-Cookie and sends all of them back. */
    static final class Cookies {
        private final Map<String, String> values = new LinkedHashMap<>();

        Cookies() {}

        Cookies(Cookies other) {
            values.putAll(other.values);
        }

        Resp send(HttpRequest.Builder req) {
            if (!values.isEmpty()) req.header("Cookie", header());
            Resp r = Platform.send(req);
            for (String sc : r.headers().allValues("Set-Cookie")) {
                String pair = sc.split(";", 2)[0].trim();
                int eq = pair.indexOf('=');
                if (eq <= 0) continue;
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                boolean expired = sc.toLowerCase().matches(".*;\\s*max-age=0\\b.*");
                if (value.isEmpty() || expired) values.remove(name);
                else values.put(name, value);
            }
            return r;
        }

        String header() {
            return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "));
        }

        boolean hasSessionCookie() {
            return values.keySet().stream().anyMatch(n -> n.toUpperCase().startsWith("JSESSIONID"));
        }

        @Override
        public String toString() {
            return values.toString();
        }
    }

    static void assertRedirect(Resp r, String locationPart) {
        assertTrue(r.status() == 302 || r.status() == 303, () -> "expected a 302/303 redirect: " + r);
        String loc = r.header("Location").orElse("");
        assertNotNull(loc);
        assertTrue(loc.contains(locationPart), () -> "Location " + loc + " does not contain " + locationPart);
    }
}
