package org.agentplatform.gateway.rest;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import org.glassfish.jersey.jackson.JacksonFeature;

/**
 * Jackson reads and writes JSON, without Jersey's Jackson exception mappers: parse errors reach
 * {@link ErrorMappers} and answer the one error shape. Unknown fields are refused by Jackson's
 * default, so a misspelt field is an error rather than silently ignored.
 */
@Provider
public class JsonFeature implements Feature {
    @Override
    public boolean configure(FeatureContext context) {
        context.register(JacksonFeature.withoutExceptionMappers());
        return true;
    }
}
