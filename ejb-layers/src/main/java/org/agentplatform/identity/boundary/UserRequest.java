package org.agentplatform.identity.boundary;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.InvalidRequestCode;

/** A new user, or (with null fields left as they are) a change to one. */
@InvalidRequestCode(ErrorCode.USER_INVALID)
public record UserRequest(
        @Pattern(regexp = "[a-z][a-z0-9_.-]{1,99}", message = "username is 2-100 characters: lower-case letters, digits, '_', '.', '-', starting with a letter.")
        String username,
        @Size(min = 12, max = 200, message = "password is 12 to 200 characters.")
        String password,
        List<@Pattern(regexp = "admin|operator|developer|auditor|viewer|policy_manager|escalation_approver",
                message = "roles are admin, operator, developer, auditor, viewer, policy_manager, escalation_approver.") String> roles,
        Boolean enabled,
        @Size(max = 2, message = "rateLimits names at most the classes read and write.")
        Map<@Pattern(regexp = "read|write", message = "rateLimits are per endpoint class: read or write.") String,
                ApiKeyRequest.@Valid RateLimit> rateLimits) {

    public UserRequest(String username, String password, List<String> roles, Boolean enabled) {
        this(username, password, roles, enabled, null);
    }

    /** {@code {"read":{"requests":100,"windowSeconds":60}}} as stored: {@code read=100/60}; an empty map clears them. */
    static String limitsText(Map<String, ApiKeyRequest.RateLimit> limits) {
        if (limits.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(limits).forEach((endpointClass, l) -> text.append(text.isEmpty() ? "" : ",")
                .append(endpointClass).append('=').append(l.requests()).append('/').append(l.windowSeconds()));
        return text.toString();
    }

    static Map<String, ApiKeyRequest.RateLimit> limitsOf(String text) {
        if (text == null) {
            return null;
        }
        Map<String, ApiKeyRequest.RateLimit> limits = new TreeMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.split("[=/]");
            limits.put(kv[0], new ApiKeyRequest.RateLimit(Integer.parseInt(kv[1]), Integer.parseInt(kv[2])));
        }
        return limits;
    }

    @Override
    public String toString() {
        return "UserRequest[username=" + username + ", roles=" + roles + ", enabled=" + enabled + ", rateLimits=" + rateLimits + "]"; // never the password
    }
}
