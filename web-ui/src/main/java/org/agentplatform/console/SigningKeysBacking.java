package org.agentplatform.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.agentplatform.identity.boundary.SigningKeys;

/** console/signing-keys.xhtml (admins): the JWT signing keys and their status; rotate now. */
@Named
@RequestScoped
public class SigningKeysBacking {

    @Inject
    SigningKeys keys;

    private List<SigningKeys.KeyView> rows;

    public List<SigningKeys.KeyView> getRows() {
        if (rows == null) {
            List<SigningKeys.KeyView> listed = ConsoleActions.run(keys::list, null, "E9500");
            rows = listed == null ? List.of() : listed;
        }
        return rows;
    }

    public void rotate() {
        SigningKeys.KeyView created = ConsoleActions.run(keys::rotate, null, "E9500");
        if (created != null) {
            jakarta.faces.context.FacesContext.getCurrentInstance().addMessage(null, new jakarta.faces.application.FacesMessage(
                    "New key " + created.kid().substring(0, 12) + "… published", "It signs new tokens once every instance has"
                    + " fetched the key set; tokens of the previous key stay valid until they expire."));
            rows = null;
        }
    }

    public String severity(SigningKeys.KeyView key) {
        return switch (key.status()) {
            case "active" -> "success";
            case "pending" -> "warning";
            case "passive" -> "info";
            default -> "secondary";
        };
    }
}
