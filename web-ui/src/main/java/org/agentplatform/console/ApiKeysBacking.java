package org.agentplatform.console;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.agentplatform.identity.boundary.ApiKeyRequest;
import org.agentplatform.identity.boundary.ApiKeyView;
import org.agentplatform.identity.boundary.ApiKeys;

/**
 * console/api-keys.xhtml: API keys with their use (last used, request count); create (the key is
 * shown once, in a dialog), rotate with an overlap, revoke.
 */
@Named
@ViewScoped
public class ApiKeysBacking implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ApiKeys keys;

    private List<ApiKeyView> rows = List.of();
    private String name;
    private List<String> scopes = new ArrayList<>(List.of("read"));
    private int expiresInDays = 90;
    private Integer limitRequests;
    private Integer limitWindowSeconds = 60;
    private int overlapHours = 24;
    /** The secret of the key just created or rotated: shown once, then forgotten. */
    private String shownKey;

    public void load() {
        List<ApiKeyView> listed = ConsoleActions.run(keys::list, null, "E9201");
        rows = listed == null ? List.of() : listed;
    }

    public void create() {
        ApiKeyRequest.RateLimit limit = limitRequests == null ? null
                : new ApiKeyRequest.RateLimit(limitRequests, limitWindowSeconds == null ? 60 : limitWindowSeconds);
        String expiresAt = Instant.now().plus(expiresInDays, ChronoUnit.DAYS).toString();
        show(ConsoleActions.run(() -> keys.create(new ApiKeyRequest(name, scopes, expiresAt, limit, null, null)),
                "API key " + name + " created", "E9201"));
    }

    public void rotate(ApiKeyView key) {
        show(ConsoleActions.run(() -> keys.rotate(key.id(), overlapHours * 3600),
                "API key " + key.name() + " rotated: the old key works for " + overlapHours + " h more", "E9201"));
    }

    public void revoke(ApiKeyView key) {
        ConsoleActions.run(() -> keys.revoke(key.id()), "API key " + key.name() + " revoked", "E9201");
        load();
    }

    private void show(ApiKeyView created) {
        if (created != null) {
            shownKey = created.key();
            name = null;
            load();
        }
    }

    /** The status a person reads: revoked, rotated, expired or active. */
    public String status(ApiKeyView key) {
        if (key.revokedAt() != null) {
            return "revoked";
        }
        if (Instant.parse(key.expiresAt()).isBefore(Instant.now())) {
            return "expired";
        }
        return key.rotatedTo() != null ? "rotated" : "active";
    }

    public void forgetShownKey() {
        shownKey = null;
    }

    public List<ApiKeyView> getRows() {
        return rows;
    }

    public String getShownKey() {
        return shownKey;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> scopes) {
        this.scopes = scopes;
    }

    public int getExpiresInDays() {
        return expiresInDays;
    }

    public void setExpiresInDays(int expiresInDays) {
        this.expiresInDays = expiresInDays;
    }

    public Integer getLimitRequests() {
        return limitRequests;
    }

    public void setLimitRequests(Integer limitRequests) {
        this.limitRequests = limitRequests;
    }

    public Integer getLimitWindowSeconds() {
        return limitWindowSeconds;
    }

    public void setLimitWindowSeconds(Integer limitWindowSeconds) {
        this.limitWindowSeconds = limitWindowSeconds;
    }

    public int getOverlapHours() {
        return overlapHours;
    }

    public void setOverlapHours(int overlapHours) {
        this.overlapHours = overlapHours;
    }
}
