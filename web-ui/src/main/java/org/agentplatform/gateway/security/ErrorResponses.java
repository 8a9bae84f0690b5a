package org.agentplatform.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;
import org.agentplatform.kernel.ApiError;
import org.agentplatform.kernel.ErrorCode;

/** Writes the one error shape where JAX-RS is not involved (the authentication mechanism). */
final class ErrorResponses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {}

    static void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        ApiError error = ApiError.of(code, message, null);
        LOG.info(() -> error.status() + " " + error.code() + " errorId=" + error.errorId() + " requestId=" + RequestIds.current());
        response.setStatus(error.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        if (code == ErrorCode.AUTHENTICATION_REQUIRED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"agent-platform\"");
        }
        JSON.writeValue(response.getOutputStream(), error);
    }
}
