package org.agentplatform.identity.boundary;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.InvalidRequestCode;

/**
 * A new API key: its scopes ({@code read}, {@code write}, {@code admin}), an expiry at most one year
 * ahead (default 90 days), an optional rate limit and IP allow-list, and optionally the agent it
 * belongs to (else the caller).
 */
@InvalidRequestCode(ErrorCode.API_KEY_INVALID_REQUEST)
public record ApiKeyRequest(
        @NotBlank(message = "name is required.") @Size(max = 100, message = "name is at most 100 characters.") String name,
        @NotEmpty(message = "scopes needs at least one of read, write, admin.")
        List<@Pattern(regexp = "read|write|admin", message = "scopes are read, write or admin.") String> scopes,
        String expiresAt,
        @Valid RateLimit rateLimit,
        @Size(max = 20, message = "allowedAddresses takes at most 20 addresses.") List<String> allowedAddresses,
        String agentId) {

    /** At most {@code requests} requests per {@code windowSeconds}. */
    public record RateLimit(
            @Min(value = 1, message = "rateLimit.requests is at least 1.") @Max(value = 1_000_000, message = "rateLimit.requests is at most 1000000.") int requests,
            @Min(value = 1, message = "rateLimit.windowSeconds is at least 1.") @Max(value = 86_400, message = "rateLimit.windowSeconds is at most 86400.") int windowSeconds) {}
}
