package org.agentplatform.modelgateway.boundary;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * Registers a model. {@code credential} names a secret (MicroProfile Config {@code
 * modelgateway.credentials.<name>} or the file {@code model-<name>} in the secrets directory); the
 * key itself is never sent here.
 */
public record ModelRequest(
        @NotBlank(message = "id is required.") @Pattern(regexp = "[A-Za-z0-9._:/-]{1,100}", message = "id: 1-100 of A-Z a-z 0-9 . _ : / -") String id,
        @NotBlank(message = "provider is required.") @Pattern(regexp = "local|openai|anthropic|ollama", message = "provider is one of local, openai, anthropic, ollama.") String provider,
        @NotBlank(message = "providerModel is required (the provider's name for the model).") @Size(max = 200) String providerModel,
        @Size(max = 50) String version,
        @Pattern(regexp = "https?://.+", message = "baseUrl is an http(s) URL.") @Size(max = 500) String baseUrl,
        @Pattern(regexp = "[A-Za-z0-9._-]{1,100}", message = "credential is the name of a secret, not the secret.") String credential,
        @Min(value = 1, message = "contextWindow is at least 1 token.") int contextWindow,
        @NotEmpty(message = "capabilities is required, e.g. [\"chat\",\"stream\"].") List<@Pattern(regexp = "[a-z-]{1,30}") String> capabilities,
        @DecimalMin(value = "0", message = "prices are not negative.") BigDecimal priceInPerMillion,
        @DecimalMin(value = "0", message = "prices are not negative.") BigDecimal priceOutPerMillion,
        boolean local,
        @Min(value = 100, message = "timeoutMs is at least 100.") Integer timeoutMs) {}
