package org.agentplatform.modelgateway.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The semantic cache of one instance (the gateway shares its entries with the other instances):
 * earlier answers found by the embedding similarity of the question (cosine at least {@code
 * threshold}), among requests with the same scope (requested model, task, labels, template, limits). Entries expire after a TTL; each scope keeps the newest {@code
 * perScope} entries. Approximate by nature, so callers opt in per request, and only single-turn
 * requests use it (in a conversation the same last words can mean something else).
 */
public final class SemanticIndex<T> {

    private record Entry<T>(float[] vector, T value, long expiresAt) {}

    private final double threshold;
    private final long ttlMillis;
    private final int perScope;
    private final LongSupplier clock;
    private final Map<String, Deque<Entry<T>>> scopes = new ConcurrentHashMap<>();

    public SemanticIndex(double threshold, long ttlMillis, int perScope, LongSupplier clock) {
        this.threshold = threshold;
        this.ttlMillis = ttlMillis;
        this.perScope = perScope;
        this.clock = clock;
    }

    /** The most similar unexpired value of the scope, if it is similar enough. */
    public Optional<T> find(String scope, float[] vector) {
        Deque<Entry<T>> entries = scopes.get(scope);
        if (entries == null) {
            return Optional.empty();
        }
        long now = clock.getAsLong();
        T best = null;
        double bestScore = threshold;
        synchronized (entries) {
            for (Iterator<Entry<T>> i = entries.iterator(); i.hasNext(); ) {
                Entry<T> e = i.next();
                if (e.expiresAt() <= now) {
                    i.remove();
                    continue;
                }
                double score = LocalModel.cosine(vector, e.vector());
                if (score >= bestScore) {
                    bestScore = score;
                    best = e.value();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    public void put(String scope, float[] vector, T value) {
        Deque<Entry<T>> entries = scopes.computeIfAbsent(scope, k -> new ArrayDeque<>());
        synchronized (entries) {
            entries.addFirst(new Entry<>(vector, value, clock.getAsLong() + ttlMillis));
            while (entries.size() > perScope) {
                entries.removeLast();
            }
        }
    }
}
