package org.agentplatform.modelgateway.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Set;

/**
 * A model of the registry: who serves it, what it can do, what it costs. {@code local} marks a model
 * that runs on the platform's own hosts (the only kind a {@code confidential} request may reach).
 * Prices are US dollars per one million tokens.
 */
public record ModelSpec(String id, String provider, String providerModel, String version, String baseUrl, String credential,
        int contextWindow, Set<String> capabilities, BigDecimal priceInPerMillion, BigDecimal priceOutPerMillion, boolean local,
        int timeoutMs, boolean enabled) {

    public static final Set<String> PROVIDERS = Set.of("local", "openai", "anthropic", "ollama");
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public ModelSpec {
        Objects.requireNonNull(id);
        Objects.requireNonNull(provider);
        capabilities = Set.copyOf(capabilities);
        priceInPerMillion = priceInPerMillion == null ? BigDecimal.ZERO : priceInPerMillion;
        priceOutPerMillion = priceOutPerMillion == null ? BigDecimal.ZERO : priceOutPerMillion;
    }

    public boolean supports(String capability) {
        return capabilities.contains(capability);
    }

    /** The cost of a call with these token counts, in US dollars (8 decimals). */
    public BigDecimal cost(long tokensIn, long tokensOut) {
        return priceInPerMillion.multiply(BigDecimal.valueOf(tokensIn)).add(priceOutPerMillion.multiply(BigDecimal.valueOf(tokensOut)))
                .divide(MILLION, 8, RoundingMode.UP).stripTrailingZeros();
    }
}
