package org.agentplatform.modelgateway.control;

/**
 * A provider call that failed. {@code retryable} failures (HTTP 429, 5xx, timeouts, connection
 * errors) let the gateway try the next target; others (400, 401, 404) are the request's or the
 * configuration's fault and are answered at once. {@code retryAfterSeconds} is 0 when unknown.
 */
public class ProviderFailure extends RuntimeException {
    private final int status;
    private final boolean retryable;
    private final long retryAfterSeconds;

    public ProviderFailure(String message, int status, boolean retryable, long retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
