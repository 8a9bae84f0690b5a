package org.agentplatform.modelgateway.control;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A chat request after parsing: the OpenAI-style fields plus the platform's own. {@code task} selects
 * what the offline provider does (summarize, classify with {@code labels}, fill a {@code template} with
 * {@code variables}); {@code classification} {@code confidential} keeps the call on local models;
 * {@code priority} orders the wait for a free place, {@code deadlineMs} bounds that wait;
 * {@code "cache":"semantic"} also looks for answers to similar single-turn questions.
 */
public record ChatCall(String model, List<Message> messages, int maxTokens, Double temperature, boolean stream, String task,
        List<String> labels, String template, Map<String, String> variables, String classification, boolean cache,
        String priority, Ids ids, Long deadlineMs, boolean semanticCache) {

    /** One message of the conversation. */
    public record Message(String role, String content) {}

    /** What the call serves: for usage records and budgets. */
    public record Ids(String agentId, String goalId, String planId, String taskId) {
        public static final Ids NONE = new Ids(null, null, null, null);
    }

    public ChatCall {
        messages = List.copyOf(messages);
        labels = labels == null ? List.of() : List.copyOf(labels);
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        ids = ids == null ? Ids.NONE : ids;
    }

    public boolean confidential() {
        return "confidential".equalsIgnoreCase(classification);
    }

    /**
     * An upper bound of the input tokens: a BPE token covers at least one byte, plus a few tokens of
     * framing per message. Reservations use it, so a reserved budget is never exceeded by the input.
     */
    public int maxInputTokens() {
        int bytes = 3;
        for (Message m : messages) {
            bytes += 4 + m.content().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    /** One question, no conversation: one user message, no assistant turn. */
    public boolean singleTurn() {
        return messages.stream().filter(m -> "user".equals(m.role())).count() == 1
                && messages.stream().noneMatch(m -> "assistant".equals(m.role()));
    }

    /** The text of the last user message (what the offline provider works on). */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).content();
            }
        }
        return messages.isEmpty() ? "" : messages.get(messages.size() - 1).content();
    }
}
