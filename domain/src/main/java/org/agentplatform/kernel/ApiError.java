package org.agentplatform.kernel;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.UUID;

/**
 * The one error shape of the API: {@code {"code","message","errorId","status","details"}}. The
 * errorId is logged with the failure so an operator can find it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String message, String errorId, int status, Map<String, Object> details) {

    public static ApiError of(ErrorCode code, String message, Map<String, Object> details) {
        return new ApiError(
                code.code(),
                message == null ? code.defaultMessage() : message,
                UUID.randomUUID().toString(),
                code.status(),
                details == null || details.isEmpty() ? null : details);
    }

    public static ApiError of(PlatformException e) {
        return of(e.errorCode(), e.getMessage(), e.details());
    }
}
