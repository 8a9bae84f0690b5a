package org.agentplatform.modelgateway.control;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventListenerUtils;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * langchain4j's HTTP port on Apache HttpClient 5, classic (blocking) API: a provider call runs on the
 * calling thread over pooled keep-alive connections, streamed answers included. langchain4j's default,
 * the JDK client, passes every call through its selector thread and an executor: measured at an eighth
 * of a busy instance's CPU for one-token answers, plus the thread hand-offs in each call's latency.
 *
 * <p>Behaves like langchain4j's JDK client otherwise: a non-2xx answer is an {@link HttpException}
 * with the body; a timeout is langchain4j's {@link TimeoutException}; no redirects, no retries (the
 * gateway retries and fails over). One addition: an error answer with {@code Retry-After} (429, 503)
 * is a {@link ProviderFailure} carrying that delay, which langchain4j's exceptions drop; the gateway
 * then cools that model's circuit down for that long instead of hammering it.
 */
public final class ProviderHttp implements HttpClient {
    private final CloseableHttpClient client;

    private ProviderHttp(Builder b) {
        Timeout connect = Timeout.of(b.connectTimeout == null ? Duration.ofSeconds(5) : b.connectTimeout);
        Timeout read = Timeout.of(b.readTimeout == null ? Duration.ofSeconds(60) : b.readTimeout);
        client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(64).setMaxConnTotal(256)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(connect).setResponseTimeout(read).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The builder langchain4j's model builders take ({@code httpClientBuilder(...)}); they set the timeouts. */
    public static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout;
        private Duration readTimeout;

        @Override public Duration connectTimeout() { return connectTimeout; }
        @Override public Builder connectTimeout(Duration d) { connectTimeout = d; return this; }
        @Override public Duration readTimeout() { return readTimeout; }
        @Override public Builder readTimeout(Duration d) { readTimeout = d; return this; }
        @Override public ProviderHttp build() { return new ProviderHttp(this); }
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try {
            return client.execute(toApache(request), response -> {
                byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
                if (response.getCode() / 100 != 2) {
                    throw refusal(request, response, body);
                }
                return SuccessfulHttpResponse.builder().statusCode(response.getCode()).headers(headers(response)).body(body).build();
            });
        } catch (IOException e) {
            throw unchecked(e);
        }
    }

    /** Runs on the calling thread: the listener gets each event as it arrives, then {@code onClose} or {@code onError}. */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        try {
            client.execute(toApache(request), response -> {
                if (response.getCode() / 100 != 2) {
                    byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
                    listener.onError(refusal(request, response, body));
                    return null;
                }
                SuccessfulHttpResponse opened = SuccessfulHttpResponse.builder().statusCode(response.getCode()).headers(headers(response)).build();
                ServerSentEventListenerUtils.ignoringExceptions(() -> listener.onOpen(opened));
                try (InputStream in = response.getEntity().getContent()) {
                    parser.parse(in, listener);
                }
                ServerSentEventListenerUtils.ignoringExceptions(listener::onClose);
                return null;
            });
        } catch (IOException e) {
            listener.onError(unchecked(e));
        } catch (RuntimeException e) {
            listener.onError(e);
        }
    }

    private static HttpUriRequestBase toApache(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new UnsupportedOperationException("multipart requests are not used by the model gateway");
        }
        HttpUriRequestBase r = new HttpUriRequestBase(request.method().name(), URI.create(request.url()));
        request.headers().forEach((name, values) -> values.forEach(v -> r.addHeader(name, v)));
        if (request.body() != null) {
            r.setEntity(new ByteArrayEntity(request.body().getBytes(StandardCharsets.UTF_8), null)); // Content-Type is in the headers
        }
        return r;
    }

    /** A non-2xx answer: a {@link ProviderFailure} with the delay when it says Retry-After, else langchain4j's {@link HttpException}. */
    private static RuntimeException refusal(HttpRequest request, ClassicHttpResponse response, byte[] body) {
        int status = response.getCode();
        long seconds = retryAfterSeconds(response.getFirstHeader("Retry-After"));
        if (seconds >= 0) {
            return new ProviderFailure(URI.create(request.url()).getHost() + " answered HTTP " + status + " with Retry-After " + seconds,
                    status, true, seconds, null);
        }
        return new HttpException(status, new String(body, StandardCharsets.UTF_8));
    }

    static long retryAfterSeconds(Header header) {
        if (header == null) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(header.getValue().trim()));
        } catch (NumberFormatException e) {
            return -1; // an HTTP date: rare from model providers; treated as unknown
        }
    }

    private static Map<String, List<String>> headers(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header h : response.getHeaders()) {
            headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
        }
        return headers;
    }

    /** Timeouts (connect, read, waiting for a pooled connection) as langchain4j's; other I/O failures unchecked. */
    private static RuntimeException unchecked(IOException e) {
        return e instanceof InterruptedIOException ? new TimeoutException(e) : new UncheckedIOException(e);
    }
}
