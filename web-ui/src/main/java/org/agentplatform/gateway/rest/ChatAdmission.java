package org.agentplatform.gateway.rest;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/**
 * MicroProfile Fault Tolerance bulkheads in front of the model gateway, per instance: low-priority
 * (batch) chat calls hold at most 8 places, the others at most 48 (the request threads), so a flood
 * of batch work is refused (E4104) before it can take the places of interactive calls. Override with
 * MicroProfile Config, e.g. {@code org.agentplatform.gateway.rest.ChatAdmission/low/Bulkhead/value}.
 */
@ApplicationScoped
public class ChatAdmission {

    @Bulkhead(8)
    public <T> T low(Supplier<T> call) {
        return call.get();
    }

    @Bulkhead(48)
    public <T> T normal(Supplier<T> call) {
        return call.get();
    }
}
