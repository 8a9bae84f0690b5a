package org.agentplatform.modelgateway.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenAI-style chat body ({@code model}, {@code messages}, {@code max_tokens} or {@code
 * max_completion_tokens}, {@code temperature}, {@code stream}; other OpenAI fields are ignored) and
 * the platform's fields: {@code task}, {@code labels}, {@code template}, {@code variables}, {@code
 * classification}, {@code cache}, {@code priority}, {@code deadlineMs}, and {@code agentId}/{@code goalId}/{@code
 * planId}/{@code taskId} (also inside {@code metadata}). Message content may be a string or an array
 * of text parts. Problems are reported as {@link IllegalArgumentException}s a caller can act on.
 */
public final class ChatRequestParser {
    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "developer", "tool");
    private static final Set<String> TASKS = Set.of("chat", "summarize", "classify", "fill");
    private final int defaultMaxTokens;
    private final int maxMaxTokens;

    public ChatRequestParser(int defaultMaxTokens, int maxMaxTokens) {
        this.defaultMaxTokens = defaultMaxTokens;
        this.maxMaxTokens = maxMaxTokens;
    }

    public ChatCall parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("The body is a JSON object with \"messages\".");
        }
        JsonNode msgs = body.path("messages");
        if (!msgs.isArray() || msgs.isEmpty()) {
            throw new IllegalArgumentException("\"messages\" is a non-empty array of {\"role\",\"content\"}.");
        }
        List<ChatCall.Message> messages = new ArrayList<>();
        for (JsonNode m : msgs) {
            String role = m.path("role").asText("");
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("Each message has a role: system, user, assistant, developer or tool.");
            }
            messages.add(new ChatCall.Message("developer".equals(role) ? "system" : role, content(m.path("content"))));
        }
        int maxTokens = body.has("max_completion_tokens") ? body.path("max_completion_tokens").asInt(-1)
                : body.has("max_tokens") ? body.path("max_tokens").asInt(-1) : defaultMaxTokens;
        if (maxTokens < 1 || maxTokens > maxMaxTokens) {
            throw new IllegalArgumentException("max_tokens is between 1 and " + maxMaxTokens + ".");
        }
        String task = text(body, "task");
        if (task != null && !TASKS.contains(task)) {
            throw new IllegalArgumentException("task is one of chat, summarize, classify, fill.");
        }
        List<String> labels = new ArrayList<>();
        body.path("labels").forEach(l -> labels.add(l.asText()));
        Map<String, String> variables = new LinkedHashMap<>();
        body.path("variables").fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
        String classification = text(body, "classification");
        if (classification != null && !Set.of("public", "internal", "confidential").contains(classification)) {
            throw new IllegalArgumentException("classification is one of public, internal, confidential.");
        }
        JsonNode cache = body.path("cache");
        if (!cache.isMissingNode() && !cache.isNull() && !cache.isBoolean() && !"semantic".equals(cache.asText())) {
            throw new IllegalArgumentException("cache is true, false or \"semantic\".");
        }
        String priority = text(body, "priority");
        if (priority != null && !Set.of("high", "normal", "low").contains(priority)) {
            throw new IllegalArgumentException("priority is one of high, normal, low.");
        }
        Double temperature = body.hasNonNull("temperature") ? body.path("temperature").asDouble() : null;
        JsonNode meta = body.path("metadata");
        ChatCall.Ids ids = new ChatCall.Ids(id(body, meta, "agentId"), id(body, meta, "goalId"), id(body, meta, "planId"),
                id(body, meta, "taskId"));
        return new ChatCall(text(body, "model"), messages, maxTokens, temperature, body.path("stream").asBoolean(false),
                "chat".equals(task) ? null : task, labels, text(body, "template"), variables, classification,
                !body.path("cache").isBoolean() || body.path("cache").asBoolean(), priority, ids, deadline(body),
                "semantic".equals(body.path("cache").asText()));
    }

    private static Long deadline(JsonNode body) {
        if (!body.hasNonNull("deadlineMs")) {
            return null;
        }
        long ms = body.path("deadlineMs").asLong(-1);
        if (ms < 0 || ms > 600_000) {
            throw new IllegalArgumentException("deadlineMs (how long the call may wait for a free place) is between 0 and 600000.");
        }
        return ms;
    }

    private static String content(JsonNode c) {
        if (c.isTextual()) {
            return c.asText();
        }
        if (c.isArray()) {
            StringBuilder text = new StringBuilder();
            c.forEach(part -> {
                if (part.path("text").isTextual()) {
                    text.append(text.length() == 0 ? "" : "\n").append(part.path("text").asText());
                }
            });
            return text.toString();
        }
        throw new IllegalArgumentException("A message's content is a string or an array of {\"type\":\"text\",\"text\"} parts.");
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static String id(JsonNode body, JsonNode meta, String field) {
        String v = text(body, field);
        if (v == null && meta.isObject()) {
            v = text(meta, field);
        }
        if (v != null && v.length() > 100) {
            throw new IllegalArgumentException(field + " is at most 100 characters.");
        }
        return v;
    }
}
