package org.agentplatform.modelgateway.boundary;

import java.math.BigDecimal;
import java.util.List;
import org.agentplatform.modelgateway.control.CircuitBreakers;
import org.agentplatform.modelgateway.control.ModelSpec;

/** A model as the registry shows it, with its circuit on the instance that answers. Never a credential's value. */
public record ModelView(String id, String provider, String providerModel, String version, String baseUrl, String credential,
        int contextWindow, List<String> capabilities, BigDecimal priceInPerMillion, BigDecimal priceOutPerMillion, boolean local,
        int timeoutMs, boolean enabled, CircuitBreakers.State circuit) {

    static ModelView of(ModelSpec m, CircuitBreakers.State circuit) {
        return new ModelView(m.id(), m.provider(), m.providerModel(), m.version(), m.baseUrl(), m.credential(), m.contextWindow(),
                m.capabilities().stream().sorted().toList(), m.priceInPerMillion(), m.priceOutPerMillion(), m.local(), m.timeoutMs(),
                m.enabled(), circuit);
    }
}
