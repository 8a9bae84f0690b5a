package org.agentplatform.modelgateway.boundary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.agentplatform.modelgateway.control.ChatAnswer;
import org.agentplatform.modelgateway.control.ChatCall;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The exact cache: answers keyed by the SHA-256 of the normalised request (requested model, messages,
 * task, labels, template, variables, limits), kept in the data grid for {@code
 * modelgateway.cache-ttl-seconds}, so both instances share it. Values are JSON strings, so no
 * member of the grid (the DAS included) needs our classes. The semantic cache (opt-in, single-turn,
 * on each instance, entries shared by a topic) is {@link org.agentplatform.modelgateway.control.SemanticIndex}.
 * Counted as {@code modelgateway_cache_requests_total{kind=exact|semantic,result=hit|miss}}.
 */
@ApplicationScoped
public class ResponseCache {
    static final String MAP = "modelgateway-cache";

    /** A cached answer and who gave it. */
    public record Entry(String model, String provider, ChatAnswer answer) {}

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "modelgateway.cache-ttl-seconds", defaultValue = "300")
    long ttlSeconds;

    /** Counts a lookup of the exact or the semantic cache. */
    void count(String kind, boolean hit) {
        metrics.counter("modelgateway_cache_requests_total", new org.eclipse.microprofile.metrics.Tag("kind", kind),
                new org.eclipse.microprofile.metrics.Tag("result", hit ? "hit" : "miss")).inc();
    }

    public Optional<Entry> get(String key) {
        String json = map().get(key);
        count("exact", json != null);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ModelCatalog.JSON.readValue(json, Entry.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    public void put(String key, Entry entry) {
        if (ttlSeconds <= 0) {
            return;
        }
        try {
            map().set(key, ModelCatalog.JSON.writeValueAsString(entry), ttlSeconds, TimeUnit.SECONDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private IMap<String, String> map() {
        return grid.getMap(MAP);
    }

    /** The key of a request: what decides the answer, and nothing else (not the caller, not the ids). */
    static String key(ChatCall call) {
        return hash(normal(call, true));
    }

    /** The scope of the semantic cache: the key without the user's words (their meaning is compared instead). */
    static String semanticScope(ChatCall call) {
        return hash(normal(call, false));
    }

    private static TreeMap<String, Object> normal(ChatCall call, boolean withUserText) {
        TreeMap<String, Object> normal = new TreeMap<>();
        normal.put("model", call.model() == null ? "default" : call.model());
        normal.put("messages", call.messages().stream().filter(m -> withUserText || !"user".equals(m.role()))
                .map(m -> m.role() + "\u0000" + m.content().strip()).toList());
        normal.put("task", call.task());
        normal.put("labels", call.labels());
        normal.put("template", call.template());
        normal.put("variables", new TreeMap<>(call.variables()));
        normal.put("maxTokens", call.maxTokens());
        normal.put("temperature", call.temperature());
        normal.put("confidential", call.confidential());
        return normal;
    }

    private static String hash(TreeMap<String, Object> normal) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(ModelCatalog.JSON.writeValueAsString(normal).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
