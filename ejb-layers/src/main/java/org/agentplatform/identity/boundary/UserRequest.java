package org.agentplatform.identity.boundary;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
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
        Boolean enabled) {

    @Override
    public String toString() {
        return "UserRequest[username=" + username + ", roles=" + roles + ", enabled=" + enabled + "]"; // never the password
    }
}
