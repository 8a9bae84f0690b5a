package org.agentplatform.modelgateway.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import org.agentplatform.modelgateway.control.ChatAnswer;
import org.agentplatform.modelgateway.control.ChatCall;
import org.agentplatform.modelgateway.control.ModelSpec;

/**
 * One call to one model: the offline model in-process, the others through their provider client,
 * each bounded by the model's own timeout ({@code timeoutMs}, in the client).
 *
 * <p>No MicroProfile Fault Tolerance annotations here: on Payara 6.2025.9 its interceptors are not
 * applied to CDI beans of the EAR's EJB module (they are in the WAR: see {@code ChatAdmission}).
 */
@ApplicationScoped
public class ProviderCalls {

    @Inject
    ModelCatalog catalog;

    public ChatAnswer call(ModelSpec model, ChatCall call) {
        return "local".equals(model.provider()) ? catalog.local().answer(call) : catalog.clients().chat(model, call);
    }

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
}
