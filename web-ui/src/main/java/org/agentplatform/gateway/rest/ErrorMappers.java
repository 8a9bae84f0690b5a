package org.agentplatform.gateway.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.annotation.Priority;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.agentplatform.gateway.security.RequestIds;
import org.agentplatform.kernel.ApiError;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.InvalidRequestCode;
import org.agentplatform.kernel.PlatformException;

/**
 * The one place where failures become the one error shape. Each mapper turns its exception into a
 * {@link PlatformException} (or an unexpected failure into E9500) and {@link #respond} writes it.
 */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {}

    static Response respond(PlatformException e) {
        ApiError error = ApiError.of(e);
        Level level = error.status() >= 500 ? Level.SEVERE : Level.INFO;
        LOG.log(level, "{0} {1} errorId={2} requestId={3}: {4}",
                new Object[] {error.status(), error.code(), error.errorId(), RequestIds.current(), error.message()});
        Response.ResponseBuilder answer = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error);
        Object retryAfter = e.details().get("retryAfterSeconds");
        if (retryAfter != null) {
            answer.header("Retry-After", retryAfter);
        }
        return answer.build();
    }

    /** Finds the failure a caller can act on inside wrappers (EJB, Jackson, Jersey). */
    static PlatformException translate(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PlatformException p) {
                return p; // e.g. the body limit, thrown inside Jackson while it reads
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EJBAccessException) {
                return new PlatformException(ErrorCode.FORBIDDEN);
            }
            if (c instanceof ConstraintViolationException v) {
                return invalid(v);
            }
            if (c instanceof UnrecognizedPropertyException u) {
                return new PlatformException(ErrorCode.MALFORMED_JSON,
                        "Unknown field '" + u.getPropertyName() + "': remove it or check its spelling.");
            }
            if (c instanceof InvalidDefinitionException) {
                return null; // our type cannot be (de)serialized: a server fault, not the caller's
            }
            if (c instanceof JsonProcessingException j) {
                return new PlatformException(ErrorCode.MALFORMED_JSON,
                        "The body is not valid JSON for this endpoint: " + j.getOriginalMessage());
            }
        }
        return null;
    }

    static PlatformException invalid(ConstraintViolationException v) {
        List<Map<String, String>> violations = v.getConstraintViolations().stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> c) -> c.getPropertyPath().toString()))
                .map(c -> Map.of("field", field(c), "message", c.getMessage()))
                .toList();
        String message = violations.stream().map(m -> m.get("message")).distinct()
                .reduce((a, b) -> a + " " + b).orElse(null);
        return new PlatformException(codeFor(v), message, Map.of("violations", violations));
    }

    /** The layer's own code when the resource or request type names one ({@link InvalidRequestCode}). */
    private static ErrorCode codeFor(ConstraintViolationException v) {
        return v.getConstraintViolations().stream()
                .flatMap(c -> java.util.stream.Stream.of(c.getRootBeanClass(), c.getLeafBean() == null ? null : c.getLeafBean().getClass()))
                .filter(java.util.Objects::nonNull)
                .map(type -> type.getAnnotation(InvalidRequestCode.class))
                .filter(java.util.Objects::nonNull)
                .map(InvalidRequestCode::value)
                .findFirst()
                .orElse(ErrorCode.REQUEST_INVALID);
    }

    private static String field(ConstraintViolation<?> c) {
        String path = c.getPropertyPath().toString();
        return path.substring(path.lastIndexOf('.') + 1);
    }

    static PlatformException fromStatus(WebApplicationException e) {
        if (e instanceof NotFoundException) {
            return new PlatformException(ErrorCode.NO_SUCH_RESOURCE);
        } else if (e instanceof NotAllowedException) {
            return new PlatformException(ErrorCode.METHOD_NOT_ALLOWED,
                    "This method is not allowed here; allowed: " + e.getResponse().getAllowedMethods() + ".");
        } else if (e instanceof NotSupportedException) {
            return new PlatformException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
        } else if (e instanceof NotAcceptableException) {
            return new PlatformException(ErrorCode.NOT_ACCEPTABLE);
        } else if (e instanceof NotAuthorizedException) {
            return new PlatformException(ErrorCode.AUTHENTICATION_REQUIRED);
        } else if (e instanceof ForbiddenException) {
            return new PlatformException(ErrorCode.FORBIDDEN);
        }
        PlatformException inner = translate(e.getCause());
        if (inner != null) {
            return inner;
        }
        return e.getResponse().getStatus() < 500
                ? new PlatformException(ErrorCode.MALFORMED_JSON, "The request could not be read: " + e.getMessage())
                : new PlatformException(ErrorCode.INTERNAL);
    }

    @Provider
    public static class Platform implements ExceptionMapper<PlatformException> {
        @Override
        public Response toResponse(PlatformException e) {
            return respond(e);
        }
    }

    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            return respond(fromStatus(e));
        }
    }

    @Provider
    public static class Validation implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            return respond(invalid(e));
        }
    }

    /** Maps what {@link #translate} knows; anything else is an internal error (E9500). */
    abstract static class Translating<E extends Throwable> implements ExceptionMapper<E> {
        @Override
        public Response toResponse(E e) {
            PlatformException known = translate(e);
            return known != null ? respond(known) : Unexpected.internal(e);
        }
    }

    @Provider
    public static class Json extends Translating<JsonProcessingException> {}

    /** Same exact types as Jersey's own Jackson mappers: the higher priority (lower number) makes ours win. */
    @Provider
    @Priority(1)
    public static class JsonParse extends Translating<JsonParseException> {}

    @Provider
    @Priority(1)
    public static class JsonMapping extends Translating<JsonMappingException> {}

    @Provider
    public static class Ejb extends Translating<EJBException> {}

    @Provider
    public static class Unexpected extends Translating<Throwable> {
        static Response internal(Throwable e) {
            ApiError error = ApiError.of(ErrorCode.INTERNAL, null, null);
            LOG.log(Level.SEVERE, "500 E9500 errorId=" + error.errorId() + " requestId=" + RequestIds.current(), e);
            return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
        }
    }
}
