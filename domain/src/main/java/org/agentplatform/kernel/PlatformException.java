package org.agentplatform.kernel;

import jakarta.ejb.ApplicationException;
import java.util.Map;
import java.util.Objects;

/**
 * A failure the caller can act on. Mapped in one place to the one error shape; rolls back the
 * transaction it crosses, so a refused request changes nothing.
 */
@ApplicationException(rollback = true)
public class PlatformException extends RuntimeException {
    private final ErrorCode errorCode;
    private final Map<String, Object> details;

    public PlatformException(ErrorCode errorCode, String message, Map<String, Object> details) {
        super(message == null ? errorCode.defaultMessage() : message);
        this.errorCode = Objects.requireNonNull(errorCode);
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public PlatformException(ErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }

    public PlatformException(ErrorCode errorCode) {
        this(errorCode, null, null);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public Map<String, Object> details() {
        return details;
    }
}
