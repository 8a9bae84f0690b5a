package org.agentplatform.console;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;
import org.agentplatform.kernel.PlatformException;
import org.agentplatform.modelgateway.boundary.AliasView;
import org.agentplatform.modelgateway.boundary.ModelRegistry;
import org.agentplatform.modelgateway.boundary.ModelView;

/**
 * console/models.xhtml: the model registry (provider, version, context window, capabilities, prices,
 * local or not, and the circuit on this instance) and the aliases with their routes, versions and a
 * rollback button (admin, operator). Keeps serializable rows only.
 */
@Named
@ViewScoped
public class ModelsBacking implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ModelRegistry registry;

    private List<Model> models = List.of();
    private List<Alias> aliases = List.of();

    /** A model row. */
    public record Model(String id, String provider, String providerModel, String version, int contextWindow, String capabilities,
            String priceIn, String priceOut, boolean local, String circuit, int failures) implements Serializable {

        static Model of(ModelView m) {
            return new Model(m.id(), m.provider(), m.providerModel(), m.version(), m.contextWindow(), String.join(", ", m.capabilities()),
                    m.priceInPerMillion().toPlainString(), m.priceOutPerMillion().toPlainString(), m.local(), m.circuit().state(),
                    m.circuit().consecutiveFailures());
        }
    }

    /** An alias row: its route now and how many versions it had. */
    public record Alias(String name, int version, String strategy, String route, String updatedAt, String updatedBy, int versions)
            implements Serializable {

        static Alias of(AliasView a) {
            String route = a.targets().stream().map(t -> "weighted".equals(a.strategy()) ? t.model() + " (" + t.weight() + ")" : t.model())
                    .collect(Collectors.joining(" → "));
            return new Alias(a.name(), a.version(), a.strategy(), route, a.updatedAt(), a.updatedBy(), a.history().size());
        }
    }

    /** f:viewAction. */
    public void load() {
        try {
            models = registry.models().stream().map(Model::of).toList();
            aliases = registry.aliases().stream().map(Alias::of).toList();
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    public void rollback(String alias) {
        try {
            AliasView now = registry.rollback(alias);
            message(FacesMessage.SEVERITY_INFO, "Rolled back", alias + " is at version " + now.version() + ": "
                    + Alias.of(now).route() + ".");
        } catch (RuntimeException e) {
            fail(e);
        }
        load();
    }

    public List<Model> getModels() {
        return models;
    }

    public List<Alias> getAliases() {
        return aliases;
    }

    static void fail(RuntimeException e) {
        Throwable cause = e instanceof EJBException && !(e instanceof EJBAccessException) && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof PlatformException p) {
            message(FacesMessage.SEVERITY_ERROR, p.errorCode().code(), p.getMessage());
        } else if (cause instanceof EJBAccessException) {
            message(FacesMessage.SEVERITY_ERROR, "Forbidden", "Your roles do not allow this.");
        } else {
            throw e;
        }
    }

    static void message(FacesMessage.Severity severity, String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, summary, detail));
    }
}
