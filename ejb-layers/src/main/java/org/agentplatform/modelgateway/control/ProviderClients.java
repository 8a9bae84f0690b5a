package org.agentplatform.modelgateway.control;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Calls the remote providers through langchain4j, speaking their real wire protocols: OpenAI-compatible
 * chat completions (OpenAI, vLLM, llama.cpp, LM Studio), Anthropic messages and Ollama's native
 * {@code /api/chat}, blocking and streaming. Clients are built once per model definition and
 * reused; langchain4j's own retries are off (the gateway retries and fails over). Failures become
 * {@link ProviderFailure}s that say whether another target may be tried.
 */
public final class ProviderClients {
    private final Function<String, String> credentials;
    private final Map<ModelSpec, ChatModel> chatModels = new ConcurrentHashMap<>();
    private final Map<ModelSpec, StreamingChatModel> streamingModels = new ConcurrentHashMap<>();

    /** @param credentials the secret for a credential name, or null when there is none */
    public ProviderClients(Function<String, String> credentials) {
        this.credentials = credentials;
    }

    public ChatAnswer chat(ModelSpec model, ChatCall call) {
        try {
            ChatResponse response = chatModels.computeIfAbsent(model, this::chatModel).chat(request(model, call));
            return answer(response, call);
        } catch (RuntimeException e) {
            throw failure(model, e);
        }
    }

    /** Streams the answer: {@code onToken} gets each piece as the provider sends it; returns the whole answer. */
    public ChatAnswer stream(ModelSpec model, ChatCall call, Consumer<String> onToken) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        try {
            streamingModels.computeIfAbsent(model, this::streamingModel).chat(request(model, call), new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    text.append(partial);
                    onToken.accept(partial);
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            ChatResponse response = done.get(model.timeoutMs() * 4L, TimeUnit.MILLISECONDS);
            ChatAnswer whole = answer(response, call);
            return whole.text() == null || whole.text().isEmpty()
                    ? new ChatAnswer(text.toString(), whole.tokensIn(), whole.tokensOut(), whole.finishReason()) : whole;
        } catch (ExecutionException e) {
            throw failure(model, e.getCause());
        } catch (TimeoutException e) {
            throw new ProviderFailure(model.id() + " did not finish its stream in time", 504, true, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderFailure(model.id() + ": interrupted", 504, true, 0, e);
        } catch (RuntimeException e) {
            throw failure(model, e);
        }
    }

    private static ChatAnswer answer(ChatResponse response, ChatCall call) {
        TokenUsage usage = response.tokenUsage();
        String text = response.aiMessage() == null ? "" : response.aiMessage().text();
        int in = usage == null || usage.inputTokenCount() == null
                ? LocalModel.estimateTokens(call.messages().stream().map(ChatCall.Message::content).toList()) : usage.inputTokenCount();
        int out = usage == null || usage.outputTokenCount() == null ? LocalModel.estimateTokens(List.of(text == null ? "" : text))
                : usage.outputTokenCount();
        String finish = response.finishReason() == null ? "stop" : response.finishReason().name().toLowerCase();
        return new ChatAnswer(text == null ? "" : text, in, out, finish);
    }

    private static ChatRequest request(ModelSpec model, ChatCall call) {
        List<ChatMessage> messages = new ArrayList<>();
        if ("classify".equals(call.task()) && !call.labels().isEmpty()) {
            messages.add(SystemMessage.from("Answer with exactly one of these labels and nothing else: " + String.join(", ", call.labels())));
        } else if ("fill".equals(call.task()) && call.template() != null) {
            messages.add(SystemMessage.from("Fill the {{placeholders}} of this template from the user's message and answer with the"
                    + " filled template only:\n" + call.template()));
        }
        for (ChatCall.Message m : call.messages()) {
            messages.add(switch (m.role()) {
                case "system" -> SystemMessage.from(m.content());
                case "assistant" -> AiMessage.from(m.content());
                default -> UserMessage.from(m.content());
            });
        }
        ChatRequest.Builder b = ChatRequest.builder().messages(messages).maxOutputTokens(call.maxTokens());
        if (call.temperature() != null) {
            b.temperature(call.temperature());
        }
        return b.build();
    }

    private String apiKey(ModelSpec model) {
        String key = model.credential() == null ? null : credentials.apply(model.credential());
        return key == null ? "none" : key;
    }

    /** HTTP/1.1 (local OpenAI-compatible servers and test fakes do not all speak h2c), 5 s to connect. */
    private static ProviderHttp.Builder http() {
        return ProviderHttp.builder().connectTimeout(Duration.ofSeconds(5));
    }

    private ChatModel chatModel(ModelSpec m) {
        Duration timeout = Duration.ofMillis(m.timeoutMs());
        return switch (m.provider()) {
            case "anthropic" -> AnthropicChatModel.builder().httpClientBuilder(http()).baseUrl(anthropicUrl(m)).apiKey(apiKey(m))
                    .modelName(m.providerModel()).timeout(timeout).maxRetries(0).build();
            case "openai" -> OpenAiChatModel.builder().httpClientBuilder(http()).baseUrl(openAiUrl(m)).apiKey(apiKey(m))
                    .modelName(m.providerModel()).timeout(timeout).maxRetries(0).build();
            case "ollama" -> OllamaChatModel.builder().httpClientBuilder(http()).baseUrl(ollamaUrl(m)).modelName(m.providerModel())
                    .timeout(timeout).maxRetries(0).build();
            default -> throw new IllegalArgumentException("no remote client for provider " + m.provider());
        };
    }

    private StreamingChatModel streamingModel(ModelSpec m) {
        Duration timeout = Duration.ofMillis(m.timeoutMs());
        return switch (m.provider()) {
            case "anthropic" -> AnthropicStreamingChatModel.builder().httpClientBuilder(http()).baseUrl(anthropicUrl(m))
                    .apiKey(apiKey(m)).modelName(m.providerModel()).timeout(timeout).build();
            case "openai" -> OpenAiStreamingChatModel.builder().httpClientBuilder(http()).baseUrl(openAiUrl(m))
                    .apiKey(apiKey(m)).modelName(m.providerModel()).timeout(timeout).build();
            case "ollama" -> OllamaStreamingChatModel.builder().httpClientBuilder(http()).baseUrl(ollamaUrl(m))
                    .modelName(m.providerModel()).timeout(timeout).build();
            default -> throw new IllegalArgumentException("no remote client for provider " + m.provider());
        };
    }

    static String openAiUrl(ModelSpec m) {
        return m.baseUrl() == null ? "https://api.openai.com/v1" : m.baseUrl().replaceAll("/+$", "");
    }

    /** Ollama's native API ({@code /api/chat}) hangs off the server's root: a {@code /v1} suffix is dropped. */
    static String ollamaUrl(ModelSpec m) {
        return m.baseUrl().replaceAll("/+$", "").replaceAll("/v1$", "");
    }

    /** langchain4j's Anthropic client needs the trailing slash (RECIPES.md). */
    static String anthropicUrl(ModelSpec m) {
        String base = m.baseUrl() == null ? "https://api.anthropic.com/v1" : m.baseUrl().replaceAll("/+$", "");
        return base + "/";
    }

    static ProviderFailure failure(ModelSpec model, Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ProviderFailure p) {
                return new ProviderFailure(model.id() + ": " + p.getMessage(), p.status(), p.retryable(), p.retryAfterSeconds(), e);
            }
            if (c instanceof HttpException h) {
                int s = h.statusCode();
                return new ProviderFailure(model.id() + " answered HTTP " + s, s, s == 429 || s == 408 || s >= 500, 0, e);
            }
            if (c instanceof HttpTimeoutException || c instanceof TimeoutException
                    || c instanceof dev.langchain4j.exception.TimeoutException) {
                return new ProviderFailure(model.id() + " timed out", 504, true, 0, e);
            }
            if (c instanceof java.io.IOException) {
                return new ProviderFailure(model.id() + " is unreachable: " + c.getClass().getSimpleName(), 502, true, 0, e);
            }
        }
        return new ProviderFailure(model.id() + " failed: " + e.getClass().getSimpleName(), 502, true, 0, e);
    }
}
