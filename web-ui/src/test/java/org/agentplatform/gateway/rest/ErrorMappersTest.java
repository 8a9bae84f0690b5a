package org.agentplatform.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.InternalServerErrorException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agentplatform.kernel.ApiError;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.PlatformException;
import org.junit.jupiter.api.Test;

class ErrorMappersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A body type for Jackson to refuse unknown fields on. */
    record Probe(String name) {}

    private static <T extends Throwable> T thrownByJackson(Class<T> type, String json) {
        return assertThrows(type, () -> JSON.readValue(json, Probe.class));
    }

    // translate

    @Test
    void platformExceptionIsItself() {
        PlatformException e = new PlatformException(ErrorCode.AGENT_NOT_FOUND);

        assertSame(e, ErrorMappers.translate(e));
    }

    @Test
    void platformExceptionInsideJacksonWins() {
        // The body limit throws while Jackson reads: Jackson wraps it.
        PlatformException tooLarge = new PlatformException(ErrorCode.PAYLOAD_TOO_LARGE);
        JsonMappingException wrapped = new JsonMappingException((java.io.Closeable) null, "reading failed", tooLarge);

        assertSame(tooLarge, ErrorMappers.translate(wrapped));
    }

    @Test
    void platformExceptionDeepInACauseChainWins() {
        PlatformException taken = new PlatformException(ErrorCode.AGENT_NAME_TAKEN);
        Throwable chain = new RuntimeException(new EJBException(new IllegalStateException(taken)));

        assertSame(taken, ErrorMappers.translate(chain));
    }

    @Test
    void platformExceptionWinsOverAnAccessFailureNearerTheTop() {
        PlatformException taken = new PlatformException(ErrorCode.AGENT_NAME_TAKEN);
        EJBAccessException access = new EJBAccessException("denied");
        access.initCause(taken);

        assertSame(taken, ErrorMappers.translate(new EJBException(access)));
    }

    @Test
    void accessFailureIsForbidden() {
        assertEquals(ErrorCode.FORBIDDEN, ErrorMappers.translate(new EJBAccessException("denied")).errorCode());
    }

    @Test
    void wrappedAccessFailureIsForbidden() {
        PlatformException cut = ErrorMappers.translate(new EJBException(new EJBAccessException("denied")));

        assertEquals(ErrorCode.FORBIDDEN, cut.errorCode());
    }

    @Test
    void jsonThatDoesNotParseIsMalformedJson() {
        JsonParseException parse = thrownByJackson(JsonParseException.class, "{\"name\": oops");

        PlatformException cut = ErrorMappers.translate(parse);

        assertEquals(ErrorCode.MALFORMED_JSON, cut.errorCode());
        assertTrue(cut.getMessage().startsWith("The body is not valid JSON for this endpoint: "), cut.getMessage());
        assertTrue(cut.getMessage().contains(parse.getOriginalMessage()), cut.getMessage());
    }

    @Test
    void jsonParseExceptionMadeByHandIsMalformedJson() {
        PlatformException cut = ErrorMappers.translate(new JsonParseException((JsonParser) null, "Unexpected character"));

        assertEquals(ErrorCode.MALFORMED_JSON, cut.errorCode());
        assertTrue(cut.getMessage().endsWith("Unexpected character"), cut.getMessage());
    }

    @Test
    void unknownFieldIsMalformedJsonNamingTheField() {
        UnrecognizedPropertyException unknown =
                thrownByJackson(UnrecognizedPropertyException.class, "{\"name\":\"a\",\"nmae\":\"b\"}");

        PlatformException cut = ErrorMappers.translate(unknown);

        assertEquals(ErrorCode.MALFORMED_JSON, cut.errorCode());
        assertEquals("Unknown field 'nmae': remove it or check its spelling.", cut.getMessage());
    }

    @Test
    void wrongTypeOfValueIsMalformedJson() {
        JsonMappingException mismatch = thrownByJackson(JsonMappingException.class, "{\"name\":[1,2]}");

        assertEquals(ErrorCode.MALFORMED_JSON, ErrorMappers.translate(mismatch).errorCode());
    }

    @Test
    void jacksonFailureInsideAnotherExceptionIsMalformedJson() {
        JsonParseException parse = thrownByJackson(JsonParseException.class, "{");

        PlatformException cut = ErrorMappers.translate(new BadRequestException(parse));

        assertEquals(ErrorCode.MALFORMED_JSON, cut.errorCode());
    }

    @Test
    void constraintViolationsAreInvalid() {
        ConstraintViolationException v = new ConstraintViolationException(
                Set.of(new FakeViolation("create.arg0.name", "bad", AgentsResource.class)));

        assertEquals(ErrorCode.AGENT_INVALID, ErrorMappers.translate(new EJBException(v)).errorCode());
    }

    @Test
    void violationsAnswerTheCodeTheirResourceNames() {
        ConstraintViolationException jobs = new ConstraintViolationException(
                Set.of(new FakeViolation("start.request", "A JSON body is required.", JobsResource.class)));
        ConstraintViolationException unnamed = new ConstraintViolationException(Set.of(new FakeViolation("x", "bad")));

        assertEquals(ErrorCode.JOB_INVALID, ErrorMappers.invalid(jobs).errorCode());
        assertEquals(ErrorCode.REQUEST_INVALID, ErrorMappers.invalid(unnamed).errorCode());
    }

    @Test
    void unknownFailureIsNotTranslated() {
        assertNull(ErrorMappers.translate(new IllegalStateException("boom")));
        assertNull(ErrorMappers.translate(new EJBException(new IOException("disk"))));
    }

    @Test
    void nothingIsNotTranslated() {
        assertNull(ErrorMappers.translate(null));
    }

    // invalid

    @Test
    void violationsAreListedByFieldInPathOrder() {
        ConstraintViolationException v = new ConstraintViolationException(Set.of(
                new FakeViolation("create.request.name", "name is required.", AgentsResource.class),
                new FakeViolation("create.request.agentType", "agentType is required.", AgentsResource.class)));

        PlatformException cut = ErrorMappers.invalid(v);

        assertEquals(ErrorCode.AGENT_INVALID, cut.errorCode());
        assertEquals("agentType is required. name is required.", cut.getMessage());
        assertEquals(Map.of("violations", List.of(
                Map.of("field", "agentType", "message", "agentType is required."),
                Map.of("field", "name", "message", "name is required."))), cut.details());
    }

    @Test
    void sameMessageTwiceIsSaidOnce() {
        ConstraintViolationException v = new ConstraintViolationException(Set.of(
                new FakeViolation("a.first", "Same."), new FakeViolation("a.second", "Same.")));

        assertEquals("Same.", ErrorMappers.invalid(v).getMessage());
    }

    @Test
    void pathWithoutDotsIsItsOwnField() {
        ConstraintViolationException v = new ConstraintViolationException(Set.of(new FakeViolation("name", "bad")));

        assertEquals(Map.of("violations", List.of(Map.of("field", "name", "message", "bad"))),
                ErrorMappers.invalid(v).details());
    }

    @Test
    void noViolationsGiveTheDefaultMessage() {
        PlatformException cut = ErrorMappers.invalid(new ConstraintViolationException(Set.of()));

        assertEquals(ErrorCode.REQUEST_INVALID.defaultMessage(), cut.getMessage());
    }

    // fromStatus

    @Test
    void notFoundIsNoSuchResource() {
        assertEquals(ErrorCode.NO_SUCH_RESOURCE, ErrorMappers.fromStatus(new NotFoundException()).errorCode());
    }

    @Test
    void notAllowedIsMethodNotAllowedNamingTheAllowedMethods() {
        PlatformException cut = ErrorMappers.fromStatus(new NotAllowedException("GET", new String[] {"POST"}));

        assertEquals(ErrorCode.METHOD_NOT_ALLOWED, cut.errorCode());
        assertTrue(cut.getMessage().contains("GET") && cut.getMessage().contains("POST"), cut.getMessage());
    }

    @Test
    void notSupportedIsUnsupportedMediaType() {
        PlatformException cut = ErrorMappers.fromStatus(new NotSupportedException());

        assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE, cut.errorCode());
        assertEquals("Send the body as application/json.", cut.getMessage());
    }

    @Test
    void notAcceptableIsNotAcceptable() {
        assertEquals(ErrorCode.NOT_ACCEPTABLE, ErrorMappers.fromStatus(new NotAcceptableException()).errorCode());
    }

    @Test
    void notAuthorizedIsAuthenticationRequired() {
        PlatformException cut = ErrorMappers.fromStatus(new NotAuthorizedException("Bearer"));

        assertEquals(ErrorCode.AUTHENTICATION_REQUIRED, cut.errorCode());
    }

    @Test
    void forbiddenIsForbidden() {
        assertEquals(ErrorCode.FORBIDDEN, ErrorMappers.fromStatus(new ForbiddenException()).errorCode());
    }

    @Test
    void webApplicationExceptionAroundAPlatformExceptionIsThatException() {
        PlatformException tooLarge = new PlatformException(ErrorCode.PAYLOAD_TOO_LARGE);

        assertSame(tooLarge, ErrorMappers.fromStatus(new BadRequestException(tooLarge)));
    }

    @Test
    void webApplicationExceptionAroundJacksonIsMalformedJson() {
        UnrecognizedPropertyException unknown = thrownByJackson(UnrecognizedPropertyException.class, "{\"x\":1}");

        PlatformException cut = ErrorMappers.fromStatus(new BadRequestException(unknown));

        assertEquals(ErrorCode.MALFORMED_JSON, cut.errorCode());
        assertTrue(cut.getMessage().contains("'x'"), cut.getMessage());
    }

    @Test
    void otherClientErrorIsMalformedJson() {
        assertEquals(ErrorCode.MALFORMED_JSON, ErrorMappers.fromStatus(new BadRequestException("unreadable")).errorCode());
    }

    @Test
    void otherServerErrorIsInternal() {
        assertEquals(ErrorCode.INTERNAL, ErrorMappers.fromStatus(new InternalServerErrorException()).errorCode());
        assertEquals(ErrorCode.INTERNAL, ErrorMappers.fromStatus(new WebApplicationException(503)).errorCode());
    }

    // respond and the mappers

    private static ApiError entity(Response response) {
        return assertInstanceOf(ApiError.class, response.getEntity());
    }

    @Test
    void respondAnswersTheStatusAndTheErrorAsJson() {
        Response cut = ErrorMappers.respond(new PlatformException(ErrorCode.PAYLOAD_TOO_LARGE, "too big"));

        assertEquals(413, cut.getStatus());
        assertEquals(MediaType.APPLICATION_JSON_TYPE, cut.getMediaType());
        assertEquals("E9003", entity(cut).code());
        assertEquals("too big", entity(cut).message());
        assertEquals(413, entity(cut).status());
        assertNotNull(entity(cut).errorId());
    }

    @Test
    void respondKeepsTheDetails() {
        Response cut = ErrorMappers.respond(new PlatformException(ErrorCode.AGENT_INVALID, "bad", Map.of("field", "name")));

        assertEquals(400, cut.getStatus());
        assertEquals(Map.of("field", "name"), entity(cut).details());
    }

    @Test
    void respondToAServerErrorIsAServerError() {
        Response cut = ErrorMappers.respond(new PlatformException(ErrorCode.UNAVAILABLE));

        assertEquals(503, cut.getStatus());
        assertEquals("E9503", entity(cut).code());
    }

    @Test
    void platformMapperAnswersTheCodeOfTheException() {
        Response cut = new ErrorMappers.Platform().toResponse(new PlatformException(ErrorCode.AGENT_NOT_FOUND));

        assertEquals(404, cut.getStatus());
        assertEquals("E2004", entity(cut).code());
    }

    @Test
    void webApplicationMapperAnswersNoSuchResourceForNotFound() {
        Response cut = new ErrorMappers.WebApplication().toResponse(new NotFoundException());

        assertEquals(404, cut.getStatus());
        assertEquals("E9404", entity(cut).code());
    }

    @Test
    void jsonParseMapperAnswersMalformedJson() {
        Response cut = new ErrorMappers.JsonParse().toResponse(thrownByJackson(JsonParseException.class, "{"));

        assertEquals(400, cut.getStatus());
        assertEquals("E9001", entity(cut).code());
    }

    @Test
    void jsonMappingMapperLetsTheBodyLimitThrough() {
        JsonMappingException wrapped = new JsonMappingException((java.io.Closeable) null, "reading failed",
                new PlatformException(ErrorCode.PAYLOAD_TOO_LARGE));

        Response cut = new ErrorMappers.JsonMapping().toResponse(wrapped);

        assertEquals(413, cut.getStatus());
        assertEquals("E9003", entity(cut).code());
    }

    @Test
    void ejbMapperAnswersForbiddenForAnAccessFailure() {
        Response cut = new ErrorMappers.Ejb().toResponse(new EJBException(new EJBAccessException("denied")));

        assertEquals(403, cut.getStatus());
        assertEquals("E9103", entity(cut).code());
    }

    @Test
    void ejbMapperAnswersInternalForAnUnknownFailure() {
        Response cut = new ErrorMappers.Ejb().toResponse(new EJBException(new IllegalStateException("boom")));

        assertEquals(500, cut.getStatus());
        assertEquals("E9500", entity(cut).code());
    }

    @Test
    void unexpectedMapperAnswersInternalWithoutTheFailuresText() {
        Response cut = new ErrorMappers.Unexpected().toResponse(new IllegalStateException("secret detail"));

        assertEquals(500, cut.getStatus());
        assertEquals("E9500", entity(cut).code());
        assertEquals(ErrorCode.INTERNAL.defaultMessage(), entity(cut).message());
    }

    @Test
    void unexpectedMapperStillTranslatesWhatItKnows() {
        Response cut = new ErrorMappers.Unexpected().toResponse(new RuntimeException(new EJBAccessException("denied")));

        assertEquals(403, cut.getStatus());
    }
}
