package org.agentplatform.gateway.rest;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agentplatform.gateway.security.RequestIds;
import org.agentplatform.gateway.security.Roles;
import org.agentplatform.kernel.ApiError;
import org.agentplatform.kernel.ErrorCode;
import org.agentplatform.kernel.InvalidRequestCode;
import org.agentplatform.kernel.PlatformException;
import org.agentplatform.modelgateway.boundary.AliasRequest;
import org.agentplatform.modelgateway.boundary.AliasView;
import org.agentplatform.modelgateway.boundary.BudgetRequest;
import org.agentplatform.modelgateway.boundary.BudgetView;
import org.agentplatform.modelgateway.boundary.Budgets;
import org.agentplatform.modelgateway.boundary.Caller;
import org.agentplatform.modelgateway.boundary.ModelGateway;
import org.agentplatform.modelgateway.boundary.ModelRegistry;
import org.agentplatform.modelgateway.boundary.ModelRequest;
import org.agentplatform.modelgateway.boundary.ModelUsage;
import org.agentplatform.modelgateway.boundary.ModelView;
import org.agentplatform.modelgateway.boundary.UsageFilter;
import org.agentplatform.modelgateway.boundary.UsageHour;
import org.agentplatform.modelgateway.control.ChatCall;
import org.agentplatform.modelgateway.control.ChatRequestParser;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * The model gateway's API: the registry ({@code GET/POST /models}, aliases with rollback), OpenAI-style
 * chat ({@code POST /models/chat}, SSE with {@code "stream":true}) and embeddings ({@code POST
 * /models/embeddings}), usage by hour ({@code GET /models/usage}) and budgets ({@code /models/budgets}).
 * Answers say which model and provider answered, in the OpenAI fields plus {@code gateway}.
 */
@Path("models")
@Produces(APPLICATION_JSON)
@Consumes(APPLICATION_JSON)
@InvalidRequestCode(ErrorCode.MODEL_REQUEST_INVALID)
@Roles({"admin", "operator", "developer", "auditor", "viewer"})
@ApplicationScoped
public class ModelsResource {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ModelRegistry registry;

    @EJB // the container's reference, without a CDI proxy in front (ADR 0008)
    ModelGateway gateway;

    @Inject
    ModelUsage usage;

    @Inject
    Budgets budgets;

    @Inject
    ChatAdmission admission;

    @Inject
    @ConfigProperty(name = "modelgateway.default-max-tokens", defaultValue = "512")
    int defaultMaxTokens;

    private ChatRequestParser parser;

    @PostConstruct
    void init() {
        parser = new ChatRequestParser(defaultMaxTokens, 32768);
    }

    @GET
    public Map<String, Object> registry() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", registry.models());
        answer.put("aliases", registry.aliases());
        answer.put("instance", RequestIds.instance());
        return answer;
    }

    @POST
    @Roles({"admin", "operator"})
    public Response register(@NotNull(message = "A JSON body is required.") @Valid ModelRequest request) {
        ModelView created = registry.register(request);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("aliases")
    public Map<String, List<AliasView>> aliases() {
        return Map.of("items", registry.aliases());
    }

    @PUT
    @Path("aliases/{name}")
    @Roles({"admin", "operator"})
    public AliasView setAlias(@PathParam("name") String name, @NotNull(message = "A JSON body is required.") @Valid AliasRequest request) {
        return registry.setAlias(name, request);
    }

    @POST
    @Path("aliases/{name}/rollback")
    @Roles({"admin", "operator"})
    public AliasView rollback(@PathParam("name") String name) {
        return registry.rollback(name);
    }

    @POST
    @Path("chat")
    @Produces({APPLICATION_JSON, "text/event-stream"})
    @Roles({"admin", "operator", "developer"})
    public Response chat(JsonNode body, @Context SecurityContext security, @Context HttpServletResponse servletResponse) {
        ChatCall call;
        try {
            call = parser.parse(body);
        } catch (IllegalArgumentException e) {
            throw new PlatformException(ErrorCode.MODEL_REQUEST_INVALID, e.getMessage());
        }
        Caller who = new Caller(security.getUserPrincipal().getName(), RequestIds.current());
        try {
            return "low".equals(call.priority()) ? admission.low(() -> answer(call, who, servletResponse))
                    : admission.normal(() -> answer(call, who, servletResponse));
        } catch (BulkheadException e) {
            throw new PlatformException(ErrorCode.MODEL_GATEWAY_BUSY, "Too many " + (call.priority() == null ? "normal" : call.priority())
                    + " priority model calls run on this instance: retry shortly.", Map.of("retryAfterSeconds", 1));
        }
    }

    private Response answer(ChatCall call, Caller who, HttpServletResponse servletResponse) {
        if (!call.stream()) {
            return Response.ok(completion(gateway.chat(call, who))).build();
        }
        streamTo(call, who, servletResponse);
        return null; // the answer is written already
    }

    /**
     * Writes the answer as server-sent events straight to the servlet response: JAX-RS buffers a
     * {@code StreamingOutput} until it ends, which would hold back every token until the last.
     * OpenAI's chunk shape; the last chunk carries {@code usage} and {@code gateway}; then {@code [DONE]}.
     * A failure before the first token is an {@code event: error} with the one error shape.
     */
    private void streamTo(ChatCall call, Caller who, HttpServletResponse servletResponse) {
        String id = "chatcmpl-" + java.util.UUID.randomUUID();
        long created = Instant.now().getEpochSecond();
        servletResponse.setStatus(200);
        servletResponse.setContentType("text/event-stream;charset=UTF-8");
        servletResponse.setHeader("Cache-Control", "no-cache");
        try {
            OutputStream out = servletResponse.getOutputStream();
            try {
                ModelGateway.ChatResult result = gateway.stream(call, who, piece -> send(out, chunk(id, created, call.model(), piece)));
                Map<String, Object> last = chunk(id, created, result.model().id(), null);
                last.put("usage", usageOf(result));
                last.put("gateway", gatewayOf(result));
                send(out, last);
            } catch (PlatformException e) {
                write(out, "event: error\ndata: " + JSON.writeValueAsString(ApiError.of(e)) + "\n\n");
            }
            write(out, "data: [DONE]\n\n");
        } catch (IOException | UncheckedIOException e) {
            // The client went away: the gateway has recorded the call; nothing more to say.
        }
    }

    @POST
    @Path("embeddings")
    @Roles({"admin", "operator", "developer"})
    public Map<String, Object> embeddings(JsonNode body, @Context SecurityContext security) {
        List<String> inputs = new ArrayList<>();
        JsonNode input = body == null ? null : body.path("input");
        if (input != null && input.isTextual()) {
            inputs.add(input.asText());
        } else if (input != null && input.isArray() && !input.isEmpty() && input.size() <= 256) {
            input.forEach(i -> {
                if (!i.isTextual()) {
                    throw new PlatformException(ErrorCode.MODEL_REQUEST_INVALID, "input is a string or an array of strings.");
                }
                inputs.add(i.asText());
            });
        } else {
            throw new PlatformException(ErrorCode.MODEL_REQUEST_INVALID, "input is a string or an array of 1 to 256 strings.");
        }
        String model = body.path("model").isTextual() ? body.path("model").asText() : null;
        ChatCall.Ids ids = new ChatCall.Ids(text(body, "agentId"), text(body, "goalId"), text(body, "planId"), text(body, "taskId"));
        ModelGateway.EmbeddingsResult result = gateway.embed(model, inputs,
                new Caller(security.getUserPrincipal().getName(), RequestIds.current()), ids);
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < result.vectors().size(); i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("object", "embedding");
            item.put("index", i);
            item.put("embedding", result.vectors().get(i));
            data.add(item);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("object", "list");
        answer.put("data", data);
        answer.put("model", result.model());
        answer.put("usage", Map.of("prompt_tokens", result.tokens(), "total_tokens", result.tokens()));
        return answer;
    }

    @GET
    @Path("usage")
    @Roles({"admin", "operator", "developer", "auditor"})
    public Map<String, List<UsageHour>> usage(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("model") String model,
            @QueryParam("provider") String provider, @QueryParam("caller") String caller, @QueryParam("apiKeyId") String apiKeyId,
            @QueryParam("agentId") String agentId, @QueryParam("goalId") String goalId, @QueryParam("operation") String operation) {
        return Map.of("items", usage.hourly(new UsageFilter(instant("from", from), instant("to", to), model, provider, caller, apiKeyId,
                agentId, goalId, operation)));
    }

    @GET
    @Path("budgets")
    @Roles({"admin", "operator", "auditor"})
    public Map<String, List<BudgetView>> budgets() {
        return Map.of("items", budgets.list());
    }

    @PUT
    @Path("budgets")
    @Roles({"admin", "operator"})
    public BudgetView setBudget(@NotNull(message = "A JSON body is required.") @Valid BudgetRequest request) {
        return budgets.set(request);
    }

    static Map<String, Object> completion(ModelGateway.ChatResult r) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", r.answer().text());
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("finish_reason", r.answer().finishReason());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", r.id());
        answer.put("object", "chat.completion");
        answer.put("created", Instant.now().getEpochSecond());
        answer.put("model", r.model().id());
        answer.put("provider", r.model().provider());
        answer.put("choices", List.of(choice));
        answer.put("usage", usageOf(r));
        answer.put("gateway", gatewayOf(r));
        return answer;
    }

    private static Map<String, Object> usageOf(ModelGateway.ChatResult r) {
        return Map.of("prompt_tokens", r.answer().tokensIn(), "completion_tokens", r.answer().tokensOut(),
                "total_tokens", r.answer().tokensIn() + r.answer().tokensOut());
    }

    private static Map<String, Object> gatewayOf(ModelGateway.ChatResult r) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("requested", r.requested());
        g.put("alias", r.alias());
        g.put("aliasVersion", r.aliasVersion());
        g.put("model", r.model().id());
        g.put("provider", r.model().provider());
        g.put("modelVersion", r.model().version());
        g.put("costUsd", r.costUsd());
        g.put("cacheHit", r.cacheHit() != null);
        g.put("cache", r.cacheHit());
        g.put("latencyMs", r.latencyMs());
        g.put("attempts", r.attempts());
        g.put("instance", RequestIds.instance());
        return g;
    }

    private static Map<String, Object> chunk(String id, long created, String model, String piece) {
        Map<String, Object> delta = new LinkedHashMap<>();
        if (piece != null) {
            delta.put("content", piece);
        }
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", piece == null ? "stop" : null);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("object", "chat.completion.chunk");
        c.put("created", created);
        c.put("model", model);
        c.put("choices", List.of(choice));
        return c;
    }

    private static void send(OutputStream out, Map<String, Object> chunk) {
        try {
            write(out, "data: " + JSON.writeValueAsString(chunk) + "\n\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String text(JsonNode body, String field) {
        return body.path(field).isTextual() ? body.path(field).asText() : null;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new PlatformException(ErrorCode.BAD_QUERY, name + " is an ISO-8601 time such as 2026-01-31T00:00:00Z.");
        }
    }
}
