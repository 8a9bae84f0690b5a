package org.agentplatform.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model provider for the system tests that speaks the real wire formats: OpenAI chat completions
 * ({@code POST .../chat/completions}, blocking and SSE streaming), Anthropic messages ({@code POST
 * .../messages}, blocking and its event stream) and Ollama's native chat ({@code POST /api/chat},
 * JSON or NDJSON). Its behaviour is set per test: answer, fail with a status (and Retry-After), or hang.
 */
final class FakeProvider implements AutoCloseable {
    enum Mode { OK, FAIL, HANG }

    private final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    volatile Mode mode = Mode.OK;
    volatile int failStatus = 500;
    volatile String retryAfter;
    volatile String answer = "Hello from the fake provider.";
    volatile int promptTokens = 5;
    volatile int completionTokens = 5;
    volatile long delayMillis;
    volatile List<String> streamPieces = List.of("Hello", " world", " !");
    volatile long streamGapMillis = 400;

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: +40 ms per call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakeProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.start();
    }

    /** The base URL to register: OpenAI-style {@code http://127.0.0.1:<port>/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            JsonNode body = Platform.JSON.readTree(x.getRequestBody());
            requests.incrementAndGet();
            bodies.add(body);
            if (delayMillis > 0) {
                sleep(delayMillis);
            }
            switch (mode) {
                case HANG -> {
                    sleep(60_000);
                    return;
                }
                case FAIL -> {
                    if (retryAfter != null) {
                        x.getResponseHeaders().add("Retry-After", retryAfter);
                    }
                    respond(x, failStatus, "{\"error\":{\"message\":\"fake failure\",\"type\":\"server_error\"}}");
                    return;
                }
                default -> { }
            }
            String path = x.getRequestURI().getPath();
            if (path.endsWith("/api/chat")) {
                ollama(x, body.path("model").asText(), body.path("stream").asBoolean(true));
            } else if (path.endsWith("/messages") && body.path("stream").asBoolean()) {
                streamAnthropic(x, body.path("model").asText());
            } else if (path.endsWith("/messages")) {
                respond(x, 200, Platform.toJson(java.util.Map.of("id", "msg_1", "type", "message", "role", "assistant",
                        "model", body.path("model").asText(), "content", List.of(java.util.Map.of("type", "text", "text", answer)),
                        "stop_reason", "end_turn", "usage", java.util.Map.of("input_tokens", promptTokens, "output_tokens", completionTokens))));
            } else if (body.path("stream").asBoolean()) {
                stream(x, body.path("model").asText());
            } else {
                respond(x, 200, Platform.toJson(java.util.Map.of("id", "chatcmpl-fake", "object", "chat.completion", "created", 1,
                        "model", body.path("model").asText(), "choices", List.of(java.util.Map.of("index", 0, "message",
                                java.util.Map.of("role", "assistant", "content", answer), "finish_reason", "stop")),
                        "usage", java.util.Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens,
                                "total_tokens", promptTokens + completionTokens))));
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
    }

    private void stream(HttpExchange x, String model) throws IOException {
        x.getResponseHeaders().add("Content-Type", "text/event-stream");
        x.sendResponseHeaders(200, 0);
        OutputStream out = x.getResponseBody();
        for (String piece : streamPieces) {
            chunk(out, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + model
                    + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":" + Platform.toJson(piece) + "},\"finish_reason\":null}]}");
            sleep(streamGapMillis);
        }
        chunk(out, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + promptTokens
                + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}}");
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Anthropic's event stream: message_start, content blocks with text deltas, message_delta with usage, message_stop. */
    private void streamAnthropic(HttpExchange x, String model) throws IOException {
        x.getResponseHeaders().add("Content-Type", "text/event-stream");
        x.sendResponseHeaders(200, 0);
        OutputStream out = x.getResponseBody();
        event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"" + model + "\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":" + promptTokens
                + ",\"output_tokens\":1}}}");
        event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        for (String piece : streamPieces) {
            event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                    + Platform.toJson(piece) + "}}");
            sleep(streamGapMillis);
        }
        event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        event(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":"
                + completionTokens + "}}");
        event(out, "message_stop", "{\"type\":\"message_stop\"}");
    }

    /** Ollama's native chat: one JSON object, or (streaming, its default) one JSON object per line. */
    private void ollama(HttpExchange x, String model, boolean stream) throws IOException {
        String done = "{\"model\":\"" + model + "\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":"
                + Platform.toJson(stream ? "" : answer) + "},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":" + promptTokens
                + ",\"eval_count\":" + completionTokens + "}\n";
        if (!stream) {
            respond(x, 200, done);
            return;
        }
        x.getResponseHeaders().add("Content-Type", "application/x-ndjson");
        x.sendResponseHeaders(200, 0);
        OutputStream out = x.getResponseBody();
        for (String piece : streamPieces) {
            out.write(("{\"model\":\"" + model + "\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":"
                    + Platform.toJson(piece) + "},\"done\":false}\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            sleep(streamGapMillis);
        }
        out.write(done.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void event(OutputStream out, String name, String json) throws IOException {
        out.write(("event: " + name + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void chunk(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void respond(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
