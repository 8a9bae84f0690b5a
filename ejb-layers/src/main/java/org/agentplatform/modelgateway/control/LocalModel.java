package org.agentplatform.modelgateway.control;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The offline provider {@code local}: no network, deterministic (the same request always gets the
 * same answer). Embeddings come from all-MiniLM-L6-v2 (384 dimensions, ONNX, shipped in a Maven jar
 * in the domain lib). Text answers are not generated: they are computed for the task kinds the
 * planner needs.
 * <ul>
 *   <li>{@code summarize} (also plain chat): an extractive summary, the sentences of the last user
 *       message closest to the message's mean embedding, in their original order.</li>
 *   <li>{@code classify}: the label (from {@code labels}) whose embedding is nearest to the text.</li>
 *   <li>{@code fill}: the {@code template}'s {@code {{name}}} placeholders filled from {@code
 *       variables} and from {@code name: value} lines of the last user message; unknown names stay.</li>
 * </ul>
 */
public final class LocalModel {
    public static final int DIMENSIONS = 384;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");
    private static final Pattern NAME_VALUE = Pattern.compile("^\\s*([A-Za-z0-9_.-]+)\\s*[:=]\\s*(.+?)\\s*$", Pattern.MULTILINE);

    /** One model per JVM: it lives in the domain lib, its native runtime loads once. */
    private static final class Holder {
        static final EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();
    }

    public List<float[]> embed(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(t.isEmpty() ? " " : t)).toList();
        return Holder.MODEL.embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    public ChatAnswer answer(ChatCall call) {
        String task = call.task() == null ? "summarize" : call.task();
        String text = switch (task) {
            case "classify" -> classify(call.lastUserText(), call.labels());
            case "fill" -> fill(call.template() == null ? call.lastUserText() : call.template(), variables(call));
            default -> summarize(call.lastUserText(), call.maxTokens());
        };
        return new ChatAnswer(text, estimateTokens(call.messages().stream().map(ChatCall.Message::content).toList()),
                estimateTokens(List.of(text)), "stop");
    }

    String summarize(String text, int maxTokens) {
        List<String> sentences = SENTENCE_END.splitAsStream(text.strip()).filter(s -> !s.isBlank()).toList();
        if (sentences.size() <= 2) {
            return text.strip();
        }
        List<float[]> vectors = embed(sentences);
        float[] centroid = new float[DIMENSIONS];
        vectors.forEach(v -> IntStream.range(0, DIMENSIONS).forEach(i -> centroid[i] += v[i] / vectors.size()));
        int keep = Math.max(1, Math.min(3, (sentences.size() + 2) / 3));
        List<Integer> chosen = IntStream.range(0, sentences.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -cosine(vectors.get(i), centroid)).thenComparing(i -> i))
                .limit(keep).sorted().toList();
        StringBuilder summary = new StringBuilder();
        for (int i : chosen) {
            if (summary.length() > 0 && estimateTokens(List.of(summary + sentences.get(i))) > maxTokens) {
                break;
            }
            summary.append(summary.length() == 0 ? "" : " ").append(sentences.get(i));
        }
        return summary.toString();
    }

    String classify(String text, List<String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("The classify task needs \"labels\": the classes to choose from.");
        }
        List<String> inputs = new ArrayList<>(labels);
        inputs.add(text);
        List<float[]> vectors = embed(inputs);
        float[] t = vectors.get(labels.size());
        return IntStream.range(0, labels.size()).boxed()
                .max(Comparator.comparingDouble((Integer i) -> cosine(vectors.get(i), t)).thenComparing(i -> -i))
                .map(labels::get).orElseThrow();
    }

    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> variables(ChatCall call) {
        Map<String, String> values = new LinkedHashMap<>();
        if (call.template() != null) {
            Matcher m = NAME_VALUE.matcher(call.lastUserText());
            while (m.find()) {
                values.put(m.group(1), m.group(2));
            }
        }
        values.putAll(call.variables());
        return values;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** About four characters per token (the usual rule for English with BPE tokenizers); at least 1 per text. */
    public static int estimateTokens(List<String> texts) {
        return texts.stream().mapToInt(t -> Math.max(1, (t.length() + 3) / 4)).sum();
    }
}
