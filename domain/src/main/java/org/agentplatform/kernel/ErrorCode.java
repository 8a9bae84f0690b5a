package org.agentplatform.kernel;

/**
 * Every error the platform answers with. One thousand codes per layer (E1xxx for L01 ... E12xxx for
 * L12); the HTTP status travels with the code so that the same failure always answers the same way.
 */
public enum ErrorCode {
    VERSION_CONFLICT("E1001", 409, "The stream is not at the expected version; nothing was written."),
    UNKNOWN_EVENT_TYPE("E1002", 400, "The event type is not registered."),
    INVALID_EVENT_PAYLOAD("E1003", 422, "The event payload does not match its schema."),
    STREAM_NOT_FOUND("E1004", 404, "There is no such stream."),
    EVENT_INVALID("E1005", 400, "The event request is not valid."),
    DUPLICATE_EVENT_CONFLICT("E1006", 409, "Some events of the batch were appended before, others not; nothing was written."),
    SUBSCRIPTION_NOT_FOUND("E1101", 404, "There is no such consumer group."),
    PARKED_EVENT_NOT_FOUND("E1102", 404, "No such event is parked for this consumer group."),
    PROJECTION_NOT_FOUND("E1201", 404, "There is no such projection."),
    JOB_INVALID("E1301", 400, "The job request is not valid."),
    JOB_NOT_FOUND("E1304", 404, "There is no such job or job execution."),

    AGENT_INVALID("E2001", 400, "The agent request is not valid."),
    AGENT_NOT_FOUND("E2004", 404, "No agent has this id."),
    AGENT_NAME_TAKEN("E2009", 409, "An agent with this name exists already."),
    AGENT_TRANSITION_NOT_ALLOWED("E2010", 409, "The agent's lifecycle does not allow this change."),

    MODEL_REQUEST_INVALID("E4001", 400, "The model gateway request is not valid."),
    MODEL_NOT_FOUND("E4004", 404, "No model or alias has this name."),
    MODEL_EXISTS("E4009", 409, "A model with this id exists already."),
    ALIAS_NO_PREVIOUS("E4010", 409, "The alias has no earlier version to roll back to."),
    NO_MODEL_FITS("E4022", 422, "No model of the route fits the request (capability, context window or data classification)."),
    PROVIDERS_FAILED("E4102", 502, "Every model of the route failed; the details list each attempt."),
    PROVIDERS_COOLING_DOWN("E4103", 503, "Every model of the route is cooling down after failures: retry later."),
    MODEL_GATEWAY_BUSY("E4104", 503, "Too many model calls are running on this instance: retry shortly."),
    BUDGET_EXCEEDED("E4201", 402, "The budget does not allow this call; the details show what remains."),
    TOKEN_RATE_EXCEEDED("E4202", 429, "The tokens-per-minute limit does not allow this call now: retry in a minute."),
    BUDGET_INVALID("E4203", 400, "The budget request is not valid."),

    MALFORMED_JSON("E9001", 400, "The request body is not valid JSON."),
    UNSUPPORTED_MEDIA_TYPE("E9002", 415, "This endpoint takes application/json."),
    PAYLOAD_TOO_LARGE("E9003", 413, "The request body is larger than the limit."),
    BAD_TOKEN_REQUEST("E9004", 400, "The token request is not valid."),
    BAD_QUERY("E9005", 400, "A query parameter is not valid."),
    NOT_ACCEPTABLE("E9006", 406, "This endpoint answers application/json."),
    REQUEST_INVALID("E9007", 400, "The request is not valid."),
    AUTHENTICATION_REQUIRED("E9101", 401, "Authentication is required: send a valid Bearer token."),
    BAD_CREDENTIALS("E9102", 401, "The username or password is wrong."),
    FORBIDDEN("E9103", 403, "Your roles do not allow this."),
    INVALID_REFRESH_TOKEN("E9104", 401, "The refresh token is not valid or has expired: sign in again."),
    REFRESH_TOKEN_REUSED("E9105", 401, "This refresh token was used before: its whole family is revoked; sign in again."),
    TOKEN_REVOKED("E9106", 401, "The token was revoked (signed out): sign in again."),
    INVALID_API_KEY("E9107", 401, "The API key is not valid, has expired or was revoked."),
    LOCKED_OUT("E9108", 429, "Too many failed sign-ins: wait, or ask an admin to unlock."),
    LOCKOUT_NOT_FOUND("E9109", 404, "Nothing is locked under this name."),
    RATE_LIMITED("E9110", 429, "Too many requests for this key or user: slow down."),
    IDEMPOTENCY_KEY_REUSED("E9111", 422, "This Idempotency-Key was used for a different request."),
    IDEMPOTENCY_IN_PROGRESS("E9112", 409, "A request with this Idempotency-Key is still running: retry shortly."),
    API_KEY_INVALID_REQUEST("E9201", 400, "The API key request is not valid."),
    API_KEY_NOT_FOUND("E9204", 404, "There is no such API key."),
    USER_INVALID("E9202", 400, "The user request is not valid."),
    USER_EXISTS("E9203", 409, "A user with this name exists already."),
    USER_NOT_FOUND("E9205", 404, "There is no such user."),
    API_KEY_NOT_ROTATABLE("E9206", 409, "The API key was revoked, has expired or was rotated already."),
    SESSION_NOT_FOUND("E9207", 404, "There is no such console session."),
    NO_SUCH_RESOURCE("E9404", 404, "There is no resource at this path."),
    METHOD_NOT_ALLOWED("E9405", 405, "This method is not allowed here."),
    INTERNAL("E9500", 500, "An internal error occurred; quote the errorId when reporting it."),
    UNAVAILABLE("E9503", 503, "The platform is not ready; retry shortly.");

    private final String code;
    private final int status;
    private final String defaultMessage;

    ErrorCode(String code, int status, String defaultMessage) {
        this.code = code;
        this.status = status;
        this.defaultMessage = defaultMessage;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String defaultMessage() {
        return defaultMessage;
    }
}
