package org.agentplatform.modelgateway.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;
import org.agentplatform.modelgateway.control.AliasSpec;
import org.agentplatform.modelgateway.control.ChatAnswer;
import org.agentplatform.modelgateway.control.ChatCall;
import org.agentplatform.modelgateway.control.LocalModel;
import org.agentplatform.modelgateway.control.ModelRouter;
import org.agentplatform.modelgateway.control.ModelSpec;
import org.agentplatform.modelgateway.control.PriorityGate;
import org.agentplatform.modelgateway.control.ProviderFailure;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The model gateway: one call in, one answer out, from the first model of the route that answers.
 *
 * <p>A call is resolved (alias or model id; none means the alias {@code default}), routed (filters
 * and strategy, {@link ModelRouter}), admitted (its estimated maximum cost reserved in every budget
 * that applies), answered from the exact cache or by the models of the route in order: a model whose
 * circuit is open is skipped, a retryable failure is retried once with backoff (honouring a short
 * Retry-After) and then fails over to the next model, within the same request. A streamed call fails
 * over only until its first token went out. Every call, also refused, failed, cached and streamed
 * ones, leaves one usage record; the reservation is settled to the actual cost in every case.
 * Provider calls first wait for a place in the instance's priority queue ({@link PriorityGate}), at
 * most their deadline.
 *
 * <p>No transaction: usage records and budget changes are committed as they happen, also when the
 * call fails, and no connection is held while a provider thinks.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@RolesAllowed({"admin", "operator", "developer"})
public class ModelGateway {

    /** One try of one model. */
    public record Attempt(String model, String provider, String outcome, Integer status, String error) {}

    /** The answer and how it came about. */
    public record ChatResult(String id, String requested, String alias, Integer aliasVersion, ModelSpec model, ChatAnswer answer,
            BigDecimal costUsd, String cacheHit, long latencyMs, List<Attempt> attempts) {}

    /** Vectors for the inputs, in order. */
    public record EmbeddingsResult(String model, List<float[]> vectors, int tokens, long latencyMs) {}

    private final ModelRouter router = new ModelRouter();

    @Inject
    ModelCatalog catalog;

    @Inject
    ProviderCalls calls;

    @Inject
    Budgets budgets;

    @Inject
    UsageLog usage;

    @Inject
    ResponseCache cache;

    @Inject
    @ConfigProperty(name = "modelgateway.retries", defaultValue = "1")
    int retries;

    @Inject
    @ConfigProperty(name = "modelgateway.max-retry-after-seconds", defaultValue = "2")
    long maxRetryAfterSeconds;

    @Inject
    @ConfigProperty(name = "modelgateway.queue-wait-ms", defaultValue = "10000")
    long queueWaitMillis;

    public ChatResult chat(ChatCall call, Caller who) {
        return run(call, who, null);
    }

    /** Streams the answer's pieces to {@code onToken} as the model sends them. */
    public ChatResult stream(ChatCall call, Caller who, Consumer<String> onToken) {
        return run(call, who, onToken);
    }

    public EmbeddingsResult embed(String requested, List<String> inputs, Caller who, ChatCall.Ids ids) {
        long start = System.nanoTime();
        ModelSpec model = catalog.snapshot().models().get(requested == null ? "local" : requested);
        if (model == null || !model.supports("embeddings") || !"local".equals(model.provider())) {
            record(who, ids, "embeddings", requested, model, "refused", ErrorCode.NO_MODEL_FITS.code(), 0, 0, start, BigDecimal.ZERO, false, false);
            throw new PlatformException(ErrorCode.NO_MODEL_FITS, "Embeddings come from the offline model 'local' (384 dimensions).",
                    Map.of("model", String.valueOf(requested)));
        }
        List<float[]> vectors = catalog.local().embed(inputs);
        int tokens = LocalModel.estimateTokens(inputs);
        long latency = record(who, ids, "embeddings", requested, model, "ok", null, tokens, 0, start, BigDecimal.ZERO, false, false);
        return new EmbeddingsResult(model.id(), vectors, tokens, latency);
    }

    private ChatResult run(ChatCall call, Caller who, Consumer<String> onToken) {
        long start = System.nanoTime();
        boolean streamed = onToken != null;
        String operation = streamed ? "chat-stream" : "chat";
        ModelCatalog.Snapshot registry = catalog.snapshot();
        AliasSpec alias = resolve(call.model(), registry);
        if (alias == null) {
            record(who, call.ids(), operation, call.model(), null, "refused", ErrorCode.MODEL_NOT_FOUND.code(), 0, 0, start, BigDecimal.ZERO, false, streamed);
            throw new PlatformException(ErrorCode.MODEL_NOT_FOUND, "No model or alias is called '" + call.model() + "'.",
                    Map.of("model", call.model()));
        }
        int estimatedIn = LocalModel.estimateTokens(call.messages().stream().map(ChatCall.Message::content).toList());
        ModelRouter.Needs needs = new ModelRouter.Needs(streamed ? "stream" : "chat", estimatedIn + call.maxTokens(),
                call.maxInputTokens(), call.maxTokens(), call.confidential());
        List<ModelSpec> route = router.route(alias, registry.models(), needs, call.ids().goalId(), catalog.latencies()::millis);
        if (route.isEmpty()) {
            record(who, call.ids(), operation, call.model(), null, "refused", ErrorCode.NO_MODEL_FITS.code(), 0, 0, start, BigDecimal.ZERO, false, streamed);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("capability", needs.capability());
            details.put("contextTokens", needs.contextTokens());
            details.put("confidential", needs.confidential());
            details.put("targets", alias.targets().stream().map(AliasSpec.Target::model).toList());
            throw new PlatformException(ErrorCode.NO_MODEL_FITS, null, details);
        }
        Budgets.Reservation reservation;
        try {
            List<Budgets.Scope> scopes = who.budgetScopes(call.ids()).stream()
                    .filter(s -> registry.budgetScopes().contains(s.type() + ":" + s.id())).toList();
            reservation = scopes.isEmpty() ? Budgets.Reservation.NONE
                    : budgets.reserve(scopes, ModelRouter.maxCost(route, needs), needs.inputTokens() + needs.outputTokens());
        } catch (PlatformException refused) {
            record(who, call.ids(), operation, call.model(), null, "refused", refused.errorCode().code(), 0, 0, start, BigDecimal.ZERO, false, streamed);
            throw refused;
        }
        String requested = call.model() == null ? "default" : call.model();
        Integer aliasVersion = registry.aliases().containsKey(alias.name()) ? alias.version() : null;
        String cacheKey = call.cache() && !streamed ? ResponseCache.key(call) : null;
        float[] question = null;
        if (cacheKey != null && call.semanticCache() && call.singleTurn()) {
            question = catalog.local().embed(List.of(call.lastUserText())).get(0);
        }
        if (cacheKey != null) {
            Optional<ResponseCache.Entry> hit = cache.get(cacheKey);
            String kind = "exact";
            if (hit.isEmpty() && question != null) {
                hit = catalog.semantic().find(ResponseCache.semanticScope(call), question);
                cache.count("semantic", hit.isPresent());
                kind = "semantic";
            }
            if (hit.isPresent() && registry.models().containsKey(hit.get().model())) {
                settle(reservation, BigDecimal.ZERO, 0);
                ModelSpec m = registry.models().get(hit.get().model());
                ChatAnswer a = hit.get().answer();
                long latency = record(who, call.ids(), operation, requested, m, "ok", null, a.tokensIn(), a.tokensOut(), start,
                        BigDecimal.ZERO, true, false);
                return new ChatResult(id(), requested, alias.name(), aliasVersion, m, a, BigDecimal.ZERO, kind, latency, List.of());
            }
        }
        if (!admit(call)) {
            settle(reservation, BigDecimal.ZERO, 0);
            record(who, call.ids(), operation, requested, null, "refused", ErrorCode.MODEL_GATEWAY_BUSY.code(), 0, 0, start, BigDecimal.ZERO,
                    false, streamed);
            throw new PlatformException(ErrorCode.MODEL_GATEWAY_BUSY, "No place for a " + priority(call).name().toLowerCase()
                    + " priority call became free within its deadline on this instance: retry shortly.",
                    Map.of("retryAfterSeconds", 1, "priority", priority(call).name().toLowerCase()));
        }
        try {
            return attempt(call, who, onToken, start, operation, streamed, route, reservation, requested, alias, aliasVersion, cacheKey,
                    question);
        } finally {
            catalog.gate().leave();
        }
    }

    private ChatResult attempt(ChatCall call, Caller who, Consumer<String> onToken, long start, String operation, boolean streamed,
            List<ModelSpec> route, Budgets.Reservation reservation, String requested, AliasSpec alias, Integer aliasVersion, String cacheKey,
            float[] question) {
        List<Attempt> attempts = new ArrayList<>();
        AtomicBoolean sent = new AtomicBoolean();
        Consumer<String> sink = streamed ? piece -> {
            sent.set(true);
            onToken.accept(piece);
        } : null;
        PlatformException failure = null;
        for (ModelSpec m : route) {
            if (!catalog.circuits().allow(m.id())) {
                attempts.add(new Attempt(m.id(), m.provider(), "skipped-circuit-open", null, null));
                continue;
            }
            for (int attempt = 0; ; attempt++) {
                long t0 = System.nanoTime();
                try {
                    ChatAnswer answer = streamed ? calls.stream(m, call, sink) : calls.call(m, call);
                    catalog.circuits().success(m.id());
                    catalog.latencies().record(m.id(), (System.nanoTime() - t0) / 1_000_000);
                    attempts.add(new Attempt(m.id(), m.provider(), "ok", null, null));
                    BigDecimal cost = m.cost(answer.tokensIn(), answer.tokensOut());
                    settle(reservation, cost, answer.tokensIn() + answer.tokensOut());
                    long latency = record(who, call.ids(), operation, requested, m, "ok", null, answer.tokensIn(), answer.tokensOut(),
                            start, cost, false, streamed);
                    if (cacheKey != null) {
                        ResponseCache.Entry entry = new ResponseCache.Entry(m.id(), m.provider(), answer);
                        cache.put(cacheKey, entry);
                        if (question != null) {
                            catalog.rememberSemantic(ResponseCache.semanticScope(call), question, entry);
                        }
                    }
                    return new ChatResult(id(), requested, alias.name(), aliasVersion, m, answer, cost, null, latency, List.copyOf(attempts));
                } catch (IllegalArgumentException e) {
                    failure = new PlatformException(ErrorCode.MODEL_REQUEST_INVALID, e.getMessage());
                    break;
                } catch (ProviderFailure f) {
                    catalog.failure(m.id(), f.retryable() ? f.retryAfterSeconds() : 0);
                    attempts.add(new Attempt(m.id(), m.provider(), "failed", f.status(), f.getMessage()));
                    boolean again = f.retryable() && !sent.get() && attempt < retries && f.retryAfterSeconds() <= maxRetryAfterSeconds
                            && catalog.circuits().allow(m.id());
                    if (!again) {
                        break;
                    }
                    pause(Math.max(100L << attempt, f.retryAfterSeconds() * 1000));
                }
            }
            if (sent.get() || (failure != null && failure.errorCode() == ErrorCode.MODEL_REQUEST_INVALID)) {
                break; // the caller has part of an answer, or the request itself is wrong: no failover
            }
        }
        settle(reservation, BigDecimal.ZERO, 0);
        if (failure == null) {
            boolean allSkipped = attempts.stream().allMatch(a -> a.outcome().startsWith("skipped"));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("attempts", attempts);
            if (allSkipped) {
                details.put("retryAfterSeconds", 30);
            }
            failure = new PlatformException(allSkipped ? ErrorCode.PROVIDERS_COOLING_DOWN : ErrorCode.PROVIDERS_FAILED, null, details);
        }
        record(who, call.ids(), operation, requested, null, "failed", failure.errorCode().code(), 0, 0, start, BigDecimal.ZERO, false, streamed);
        throw failure;
    }

    /** Settles a reservation; a call without budgets skips the EJB call (and its new transaction) entirely. */
    private void settle(Budgets.Reservation reservation, BigDecimal actual, int tokens) {
        if (!reservation.budgetIds().isEmpty()) {
            budgets.settle(reservation, actual, tokens);
        }
    }

    /** Waits for a place in this instance's priority queue, at most the call's deadline. */
    private boolean admit(ChatCall call) {
        try {
            return catalog.gate().enter(priority(call), call.deadlineMs() == null ? queueWaitMillis : call.deadlineMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static PriorityGate.Priority priority(ChatCall call) {
        return call.priority() == null ? PriorityGate.Priority.NORMAL : PriorityGate.Priority.valueOf(call.priority().toUpperCase());
    }

    /** An alias by name, or a model id as a one-target alias; no name means the alias "default". */
    static AliasSpec resolve(String requested, ModelCatalog.Snapshot registry) {
        String name = requested == null || requested.isBlank() ? "default" : requested;
        AliasSpec alias = registry.aliases().get(name);
        if (alias != null) {
            return alias;
        }
        return registry.models().containsKey(name) ? new AliasSpec(name, 0, "priority", List.of(new AliasSpec.Target(name, 1))) : null;
    }

    private long record(Caller who, ChatCall.Ids ids, String operation, String requested, ModelSpec model, String outcome, String error,
            int in, int out, long startNanos, BigDecimal cost, boolean cacheHit, boolean streamed) {
        long latency = (System.nanoTime() - startNanos) / 1_000_000;
        usage.record(new UsageRecord(Instant.now(), who.requestId(), operation, requested, model == null ? null : model.id(),
                model == null ? null : model.provider(), outcome, error, in, out, latency, cost, cacheHit, streamed, who, ids));
        return latency;
    }

    private static String id() {
        return "chatcmpl-" + UUID.randomUUID();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(Math.min(millis, 5000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
