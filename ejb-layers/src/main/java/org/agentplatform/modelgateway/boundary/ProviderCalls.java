package org.agentplatform.modelgateway.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.agentplatform.modelgateway.control.ChatAnswer;
import org.agentplatform.modelgateway.control.ChatCall;
import org.agentplatform.modelgateway.control.ModelSpec;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * One call to one model, guarded by MicroProfile Fault Tolerance: a bulkhead caps the calls running
 * on this instance, and a smaller one caps {@code low} priority calls (batch work), so a flood of
 * those cannot take the places of interactive calls; a timeout ends a call that hangs beyond its
 * model's own client timeout. Limits are MicroProfile Config overrides such as
 * {@code org.agentplatform.modelgateway.boundary.ProviderCalls/call/Bulkhead/value}.
 */
@ApplicationScoped
public class ProviderCalls {

    @Inject
    ModelCatalog catalog;

    @Bulkhead(48)
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    public ChatAnswer call(ModelSpec model, ChatCall call) {
        return invoke(model, call);
    }

    @Bulkhead(8)
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    public ChatAnswer callLow(ModelSpec model, ChatCall call) {
        return invoke(model, call);
    }

    @Bulkhead(48)
    public ChatAnswer stream(ModelSpec model, ChatCall call, Consumer<String> onToken) {
        if ("local".equals(model.provider())) {
            ChatAnswer answer = catalog.local().answer(call);
            for (String piece : answer.text().split("(?<= )")) {
                onToken.accept(piece);
            }
            return answer;
        }
        return catalog.clients().stream(model, call, onToken);
    }

    private ChatAnswer invoke(ModelSpec model, ChatCall call) {
        return "local".equals(model.provider()) ? catalog.local().answer(call) : catalog.clients().chat(model, call);
    }
}
