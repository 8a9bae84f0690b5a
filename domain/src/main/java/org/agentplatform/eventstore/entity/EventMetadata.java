package org.agentplatform.eventstore.entity;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who and what caused an event: the actor ({@code user:<name>}, {@code agent:<id>},
 * {@code apikey:<id>}, {@code system}), the correlation id (the request id), the causing event's id
 * and the trace id. The time is the event's recordedAt.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventMetadata(String actor, String correlationId, String causationId, String traceId) {

    public static EventMetadata system(String correlationId) {
        return new EventMetadata("system", correlationId, null, null);
    }
}
