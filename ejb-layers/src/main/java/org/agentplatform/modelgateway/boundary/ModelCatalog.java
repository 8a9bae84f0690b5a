package org.agentplatform.modelgateway.boundary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.agentplatform.modelgateway.control.AliasSpec;
import org.agentplatform.modelgateway.control.CircuitBreakers;
import org.agentplatform.modelgateway.control.Latencies;
import org.agentplatform.modelgateway.control.LocalModel;
import org.agentplatform.modelgateway.control.ModelSpec;
import org.agentplatform.modelgateway.control.PriorityGate;
import org.agentplatform.modelgateway.control.SemanticIndex;
import org.agentplatform.modelgateway.control.ProviderClients;
import org.agentplatform.identity.control.SecretFiles;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The registry as the gateway reads it on every call: models and aliases in memory, reloaded from
 * PostgreSQL at most every {@code modelgateway.registry-refresh-ms} and at once on every instance
 * when the registry changes (a data grid topic). Also the per-instance state of the gateway: the
 * circuit of each model and the semantic cache (both kept in step across instances by topics),
 * observed latencies, the provider clients and the offline model. It also
 * knows which scopes have a budget, so a call without one needs no reservation round trip.
 */
@ApplicationScoped
public class ModelCatalog {
    static final String CHANGED_TOPIC = "modelgateway-registry-changed";
    static final String CIRCUIT_TOPIC = "modelgateway-circuit-opened";
    static final String SEMANTIC_TOPIC = "modelgateway-semantic-cache";
    private static final Logger LOG = Logger.getLogger(ModelCatalog.class.getName());
    static final ObjectMapper JSON = new ObjectMapper();

    /** A semantic cache entry on its way to the other instances (JSON: members need no class of ours). */
    record SemanticShare(String scope, float[] vector, ResponseCache.Entry entry) {}

    /** The registry at one moment. */
    public record Snapshot(Map<String, ModelSpec> models, Map<String, AliasSpec> aliases, Set<String> budgetScopes, long loadedAt) {}

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance grid;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "platform.secrets-dir", defaultValue = "/nonexistent")
    String secretsDir;

    @Inject
    @ConfigProperty(name = "modelgateway.registry-refresh-ms", defaultValue = "5000")
    long refreshMillis;

    @Inject
    @ConfigProperty(name = "modelgateway.circuit-failures", defaultValue = "3")
    int circuitFailures;

    @Inject
    @ConfigProperty(name = "modelgateway.circuit-cooldown-ms", defaultValue = "30000")
    long circuitCooldownMillis;

    @Inject
    @ConfigProperty(name = "modelgateway.max-concurrent-calls", defaultValue = "32")
    int maxConcurrentCalls;

    @Inject
    @ConfigProperty(name = "modelgateway.semantic-cache-threshold", defaultValue = "0.92")
    double semanticThreshold;

    @Inject
    @ConfigProperty(name = "modelgateway.cache-ttl-seconds", defaultValue = "300")
    long cacheTtlSeconds;

    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private SemanticIndex<ResponseCache.Entry> semantic;
    private PriorityGate gate;
    private CircuitBreakers circuits;
    private final Latencies latencies = new Latencies();
    private final LocalModel local = new LocalModel();
    private ProviderClients clients;

    @PostConstruct
    void start() {
        circuits = new CircuitBreakers(circuitFailures, circuitCooldownMillis, Clock.systemUTC());
        clients = new ProviderClients(this::credential);
        gate = new PriorityGate(maxConcurrentCalls);
        semantic = new SemanticIndex<>(semanticThreshold, cacheTtlSeconds * 1000, 500, System::currentTimeMillis);
        ITopic<String> topic = grid.getTopic(CHANGED_TOPIC);
        topic.addMessageListener(m -> snapshot.set(null));
        grid.<String>getTopic(CIRCUIT_TOPIC).addMessageListener(m -> {
            if (!m.getPublishingMember().localMember()) {
                int cut = m.getMessageObject().lastIndexOf(' ');
                circuits.openFor(m.getMessageObject().substring(0, cut), Long.parseLong(m.getMessageObject().substring(cut + 1)));
            }
        });
        grid.<String>getTopic(SEMANTIC_TOPIC).addMessageListener(m -> {
            if (!m.getPublishingMember().localMember()) {
                try {
                    SemanticShare shared = JSON.readValue(m.getMessageObject(), SemanticShare.class);
                    semantic.put(shared.scope(), shared.vector(), shared.entry());
                } catch (JsonProcessingException e) {
                    LOG.warning(() -> "ignoring an unreadable semantic cache entry from another instance: " + e.getOriginalMessage());
                }
            }
        });
    }

    /**
     * Keeps an answer in the semantic cache of this instance and of every other one (a grid topic):
     * a paraphrase is answered from the cache whichever instance it reaches.
     */
    public void rememberSemantic(String scope, float[] question, ResponseCache.Entry entry) {
        semantic.put(scope, question, entry);
        try {
            grid.<String>getTopic(SEMANTIC_TOPIC).publish(JSON.writeValueAsString(new SemanticShare(scope, question, entry)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Counts a failed call of a model; when that opens its circuit, every other instance opens its own
     * for as long (a message "model millis" on a grid topic: no cost on calls that succeed).
     */
    public void failure(String model, long retryAfterSeconds) {
        long openFor = circuits.failure(model, retryAfterSeconds);
        if (openFor > 0) {
            grid.<String>getTopic(CIRCUIT_TOPIC).publish(model + " " + openFor);
        }
    }

    /** Created with the application, so it hears of circuits opened elsewhere before its first call. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the container creates the bean to deliver this event; nothing else to do
    }

    /**
     * The registry now. A stale one (older than the refresh period) is still answered while a
     * background task reloads it, so no call waits for the database; after a change (the topic
     * cleared it) the next call loads it. A reload that finishes after such a change is dropped.
     */
    public Snapshot snapshot() {
        Snapshot s = snapshot.get();
        if (s == null) {
            s = load();
            snapshot.set(s);
            return s;
        }
        if (System.currentTimeMillis() - s.loadedAt() > refreshMillis && refreshing.compareAndSet(false, true)) {
            Snapshot stale = s;
            try {
                executor.execute(() -> {
                    try {
                        snapshot.compareAndSet(stale, load());
                    } catch (RuntimeException e) {
                        LOG.warning(() -> "Reloading the model registry failed; the loaded one stays in use: " + e);
                    } finally {
                        refreshing.set(false);
                    }
                });
            } catch (RuntimeException e) { // no executor (shutting down): reload at the next call
                refreshing.set(false);
            }
        }
        return s;
    }

    /** Tells every instance to reload the registry. */
    void changed() {
        snapshot.set(null);
        grid.<String>getTopic(CHANGED_TOPIC).publish("changed");
    }

    public CircuitBreakers circuits() {
        return circuits;
    }

    /** The queue in front of the model calls of this instance. */
    public PriorityGate gate() {
        return gate;
    }

    /** The semantic cache of this instance (filled by {@link #rememberSemantic} here and on the others). */
    public SemanticIndex<ResponseCache.Entry> semantic() {
        return semantic;
    }

    public Latencies latencies() {
        return latencies;
    }

    public LocalModel local() {
        return local;
    }

    public ProviderClients clients() {
        return clients;
    }

    /** A credential's value: MicroProfile Config {@code modelgateway.credentials.<name>}, else the file {@code model-<name>}. */
    String credential(String name) {
        Optional<String> configured = config.getOptionalValue("modelgateway.credentials." + name, String.class);
        if (configured.isPresent()) {
            return configured.get();
        }
        Path file = Path.of(secretsDir, "model-" + name);
        return Files.isReadable(file) ? new SecretFiles(Path.of(secretsDir)).read("model-" + name) : null;
    }

    private Snapshot load() {
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        Map<String, AliasSpec> aliases = new LinkedHashMap<>();
        Set<String> budgetScopes = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement q = c.prepareStatement("select id, provider, provider_model, version, base_url, credential,"
                    + " context_window, capabilities, price_in_per_m, price_out_per_m, local, timeout_ms, enabled"
                    + " from modelgateway.models order by id"); ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    ModelSpec m = model(r);
                    models.put(m.id(), m);
                }
            }
            try (PreparedStatement q = c.prepareStatement("select name, version, strategy, targets from modelgateway.aliases order by name");
                    ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    aliases.put(r.getString(1), new AliasSpec(r.getString(1), r.getInt(2), r.getString(3), targets(r.getString(4))));
                }
            }
            try (PreparedStatement q = c.prepareStatement("select scope_type || ':' || scope_id from modelgateway.budgets");
                    ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    budgetScopes.add(r.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Snapshot(Map.copyOf(models), Map.copyOf(aliases), Set.copyOf(budgetScopes), System.currentTimeMillis());
    }

    static ModelSpec model(ResultSet r) throws SQLException {
        BigDecimal in = r.getBigDecimal(9);
        BigDecimal out = r.getBigDecimal(10);
        return new ModelSpec(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getInt(7),
                new LinkedHashSet<>(Arrays.asList(r.getString(8).split(","))), in.stripTrailingZeros(), out.stripTrailingZeros(),
                r.getBoolean(11), r.getInt(12), r.getBoolean(13));
    }

    static List<AliasSpec.Target> targets(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<AliasSpec.Target>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alias targets are not valid JSON", e);
        }
    }

    static String targetsJson(List<AliasSpec.Target> targets) {
        try {
            return JSON.writeValueAsString(targets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
