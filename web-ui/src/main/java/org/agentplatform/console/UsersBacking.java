package org.agentplatform.console;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.agentplatform.identity.boundary.UserRequest;
import org.agentplatform.identity.boundary.UserView;
import org.agentplatform.identity.boundary.Users;

/** console/users.xhtml (admins): users and their roles; create, change roles, disable, reset a password. */
@Named
@ViewScoped
public class UsersBacking implements Serializable {
    private static final long serialVersionUID = 1L;
    static final List<String> ROLES = List.of("admin", "operator", "developer", "auditor", "viewer", "policy_manager", "escalation_approver");

    @Inject
    Users users;

    private List<UserView> rows = List.of();
    private String username;
    private String password;
    private List<String> roles = new ArrayList<>(List.of("viewer"));
    private String editing;
    private List<String> editRoles = new ArrayList<>();
    private boolean editEnabled;
    private String editPassword;

    public void load() {
        List<UserView> listed = ConsoleActions.run(users::list, null, "E9202");
        rows = listed == null ? List.of() : listed;
    }

    public void create() {
        if (ConsoleActions.run(() -> users.create(new UserRequest(username, password, roles, null)),
                "User " + username + " created", "E9202") != null) {
            username = null;
            password = null;
            load();
        }
    }

    public void edit(UserView user) {
        editing = user.username();
        editRoles = new ArrayList<>(user.roles());
        editEnabled = user.enabled();
        editPassword = null;
    }

    /** Saves roles, enabled and (when given) a new password; any change ends the user's tokens. */
    public void save() {
        String blankToNull = editPassword == null || editPassword.isBlank() ? null : editPassword;
        if (ConsoleActions.run(() -> users.update(editing, new UserRequest(null, blankToNull, editRoles, editEnabled)),
                "User " + editing + " saved: their tokens were ended", "E9202") != null) {
            editPassword = null;
            load();
        }
    }

    public List<UserView> getRows() {
        return rows;
    }

    public List<String> getAllRoles() {
        return ROLES;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles;
    }

    public String getEditing() {
        return editing;
    }

    public List<String> getEditRoles() {
        return editRoles;
    }

    public void setEditRoles(List<String> editRoles) {
        this.editRoles = editRoles;
    }

    public boolean isEditEnabled() {
        return editEnabled;
    }

    public void setEditEnabled(boolean editEnabled) {
        this.editEnabled = editEnabled;
    }

    public String getEditPassword() {
        return editPassword;
    }

    public void setEditPassword(String editPassword) {
        this.editPassword = editPassword;
    }
}
