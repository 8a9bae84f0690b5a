package org.agentplatform.modelgateway.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;
import org.agentplatform.modelgateway.control.AliasSpec;
import org.agentplatform.modelgateway.control.ModelSpec;

/**
 * The model registry: models with provider, version, context window, capabilities and prices; aliases
 * with versioned targets and a one-call rollback to the previous version. Every change reaches the
 * gateway of every instance at once.
 */
@Stateless
@RolesAllowed({"admin", "operator", "developer", "auditor", "viewer"})
public class ModelRegistry {

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    @Resource
    SessionContext caller;

    @Inject
    ModelCatalog catalog;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public List<ModelView> models() {
        return catalog.snapshot().models().values().stream()
                .map(m -> ModelView.of(m, catalog.circuits().state(m.id()))).toList();
    }

    @RolesAllowed({"admin", "operator"})
    public ModelView register(@NotNull(message = "A JSON body is required.") @Valid ModelRequest r) {
        if ("ollama".equals(r.provider()) && r.baseUrl() == null) {
            throw new PlatformException(ErrorCode.MODEL_REQUEST_INVALID, "baseUrl is required for provider " + r.provider() + ".");
        }
        if (r.local() && !"local".equals(r.provider()) && r.baseUrl() != null && !isLoopbackOrPrivate(r.baseUrl())) {
            throw new PlatformException(ErrorCode.MODEL_REQUEST_INVALID,
                    "local: true means the model runs on our own hosts; its baseUrl must be a loopback or private address.");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("insert into modelgateway.models"
                + " (id, provider, provider_model, version, base_url, credential, context_window, capabilities, price_in_per_m,"
                + " price_out_per_m, local, timeout_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing")) {
            q.setString(1, r.id());
            q.setString(2, r.provider());
            q.setString(3, r.providerModel());
            q.setString(4, r.version() == null ? "1" : r.version());
            q.setString(5, r.baseUrl());
            q.setString(6, r.credential());
            q.setInt(7, r.contextWindow());
            q.setString(8, String.join(",", new LinkedHashSet<>(r.capabilities())));
            q.setBigDecimal(9, r.priceInPerMillion() == null ? BigDecimal.ZERO : r.priceInPerMillion());
            q.setBigDecimal(10, r.priceOutPerMillion() == null ? BigDecimal.ZERO : r.priceOutPerMillion());
            q.setBoolean(11, r.local() || "local".equals(r.provider()));
            q.setInt(12, r.timeoutMs() == null ? 30000 : r.timeoutMs());
            if (q.executeUpdate() == 0) {
                throw new PlatformException(ErrorCode.MODEL_EXISTS, "A model with the id '" + r.id() + "' exists already.");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        changedAfterCommit();
        ModelSpec stored = new ModelSpec(r.id(), r.provider(), r.providerModel(), r.version() == null ? "1" : r.version(), r.baseUrl(),
                r.credential(), r.contextWindow(), new LinkedHashSet<>(r.capabilities()), r.priceInPerMillion(), r.priceOutPerMillion(),
                r.local() || "local".equals(r.provider()), r.timeoutMs() == null ? 30000 : r.timeoutMs(), true);
        return ModelView.of(stored, catalog.circuits().state(r.id()));
    }

    public List<AliasView> aliases() {
        List<AliasView> all = new ArrayList<>();
        for (String name : catalog.snapshot().aliases().keySet()) {
            all.add(alias(name));
        }
        return all;
    }

    public AliasView alias(String name) {
        try (Connection c = dataSource.getConnection()) {
            List<AliasView.Version> history = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select version, strategy, targets, created_at, created_by"
                    + " from modelgateway.alias_versions where name = ? order by version desc limit 20")) {
                q.setString(1, name);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        history.add(new AliasView.Version(r.getInt(1), r.getString(2), ModelCatalog.targets(r.getString(3)),
                                r.getTimestamp(4).toInstant().toString(), r.getString(5)));
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("select version, strategy, targets, updated_at, updated_by"
                    + " from modelgateway.aliases where name = ?")) {
                q.setString(1, name);
                try (ResultSet r = q.executeQuery()) {
                    if (!r.next()) {
                        throw new PlatformException(ErrorCode.MODEL_NOT_FOUND, "There is no alias '" + name + "'.");
                    }
                    return new AliasView(name, r.getInt(1), r.getString(2), ModelCatalog.targets(r.getString(3)),
                            r.getTimestamp(4).toInstant().toString(), r.getString(5), history);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates the alias or gives it a new version with these targets. */
    @RolesAllowed({"admin", "operator"})
    public AliasView setAlias(String name, @NotNull(message = "A JSON body is required.") @Valid AliasRequest request) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new PlatformException(ErrorCode.MODEL_REQUEST_INVALID, "An alias name is 1-100 of A-Z a-z 0-9 . _ -");
        }
        Map<String, ModelSpec> models = catalog.snapshot().models();
        List<AliasSpec.Target> targets = new ArrayList<>();
        for (AliasRequest.Target t : request.targets()) {
            if (!models.containsKey(t.model()) && !modelExists(t.model())) {
                throw new PlatformException(ErrorCode.MODEL_NOT_FOUND, "The alias names an unknown model '" + t.model() + "'.",
                        Map.of("model", t.model()));
            }
            targets.add(new AliasSpec.Target(t.model(), t.weight() == null ? 1 : t.weight()));
        }
        String strategy = request.strategy() == null ? "priority" : request.strategy();
        if ("weighted".equals(strategy) && targets.stream().mapToInt(AliasSpec.Target::weight).sum() == 0) {
            throw new PlatformException(ErrorCode.MODEL_REQUEST_INVALID, "A weighted alias needs a target with a weight above 0.");
        }
        return write(name, strategy, targets, null);
    }

    /** Makes the version before the current one current again (as a new version, so history only grows). */
    @RolesAllowed({"admin", "operator"})
    public AliasView rollback(String name) {
        AliasView current = alias(name);
        AliasView.Version previous = current.history().stream().filter(v -> v.version() < current.version())
                .filter(v -> !v.targets().equals(current.targets()) || !v.strategy().equals(current.strategy()))
                .findFirst().orElseThrow(() -> new PlatformException(ErrorCode.ALIAS_NO_PREVIOUS,
                        "The alias '" + name + "' has no earlier version with other targets.", Map.of("version", current.version())));
        return write(name, previous.strategy(), previous.targets(), current.version());
    }

    private AliasView write(String name, String strategy, List<AliasSpec.Target> targets, Integer expectedVersion) {
        String who = caller.getCallerPrincipal().getName();
        String json = ModelCatalog.targetsJson(targets);
        try (Connection c = dataSource.getConnection()) {
            int version;
            try (PreparedStatement q = c.prepareStatement("insert into modelgateway.aliases (name, version, strategy, targets, updated_by)"
                    + " values (?, 1, ?, ?::jsonb, ?) on conflict (name) do update set version = aliases.version + 1,"
                    + " strategy = excluded.strategy, targets = excluded.targets, updated_at = now(), updated_by = excluded.updated_by"
                    + (expectedVersion == null ? "" : " where aliases.version = " + expectedVersion.intValue())
                    + " returning version")) {
                q.setString(1, name);
                q.setString(2, strategy);
                q.setString(3, json);
                q.setString(4, who);
                try (ResultSet r = q.executeQuery()) {
                    if (!r.next()) {
                        throw new PlatformException(ErrorCode.VERSION_CONFLICT, "The alias changed meanwhile; read it again.");
                    }
                    version = r.getInt(1);
                }
            }
            try (PreparedStatement q = c.prepareStatement("insert into modelgateway.alias_versions (name, version, strategy, targets,"
                    + " created_by) values (?, ?, ?, ?::jsonb, ?)")) {
                q.setString(1, name);
                q.setInt(2, version);
                q.setString(3, strategy);
                q.setString(4, json);
                q.setString(5, who);
                q.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        changedAfterCommit();
        return alias(name);
    }

    /** Other instances reload when the change is visible to them, not before. */
    private void changedAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                catalog.changed();
            }
        });
    }

    private boolean modelExists(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("select 1 from modelgateway.models where id = ?")) {
            q.setString(1, id);
            try (ResultSet r = q.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isLoopbackOrPrivate(String url) {
        String host = java.net.URI.create(url).getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.startsWith("10.") || host.startsWith("192.168.")
                || host.matches("172\\.(1[6-9]|2[0-9]|3[01])\\..*") || host.equals("[::1]") || host.equals("::1"));
    }
}
