package org.agentplatform.modelgateway.control;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK client under langchain4j, with one addition: an error answer that carries {@code
 * Retry-After} (429, 503) becomes a {@link ProviderFailure} with that delay, which langchain4j's own
 * exceptions do not carry. The gateway then cools the model's circuit down for that long and fails
 * over instead of hammering it.
 */
final class RetryAfterHttpClient extends HttpClient {
    private final HttpClient delegate;

    RetryAfterHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    /** A builder for langchain4j's JDK client that builds this wrapper around the JDK's client. */
    static HttpClient.Builder builder(HttpClient.Builder real) {
        return new HttpClient.Builder() {
            @Override public Builder cookieHandler(CookieHandler h) { real.cookieHandler(h); return this; }
            @Override public Builder connectTimeout(Duration d) { real.connectTimeout(d); return this; }
            @Override public Builder sslContext(SSLContext c) { real.sslContext(c); return this; }
            @Override public Builder sslParameters(SSLParameters p) { real.sslParameters(p); return this; }
            @Override public Builder executor(Executor e) { real.executor(e); return this; }
            @Override public Builder followRedirects(Redirect r) { real.followRedirects(r); return this; }
            @Override public Builder version(Version v) { real.version(v); return this; }
            @Override public Builder priority(int p) { real.priority(p); return this; }
            @Override public Builder proxy(ProxySelector p) { real.proxy(p); return this; }
            @Override public Builder authenticator(Authenticator a) { real.authenticator(a); return this; }
            @Override public HttpClient build() { return new RetryAfterHttpClient(real.build()); }
        };
    }

    static long retryAfterSeconds(HttpResponse<?> response) {
        if (response.statusCode() < 400) {
            return -1;
        }
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(header.get().trim()));
        } catch (NumberFormatException e) {
            return -1; // an HTTP date: rare from model providers; treated as unknown
        }
    }

    private static <T> HttpResponse<T> check(HttpResponse<T> response) {
        long seconds = retryAfterSeconds(response);
        if (seconds >= 0) {
            int s = response.statusCode();
            throw new ProviderFailure(response.uri().getHost() + " answered HTTP " + s + " with Retry-After " + seconds, s, true, seconds, null);
        }
        return response;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        return check(delegate.send(request, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(request, handler).thenApply(RetryAfterHttpClient::check);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        return delegate.sendAsync(request, handler, push).thenApply(RetryAfterHttpClient::check);
    }

    @Override public Optional<CookieHandler> cookieHandler() { return delegate.cookieHandler(); }
    @Override public Optional<Duration> connectTimeout() { return delegate.connectTimeout(); }
    @Override public Redirect followRedirects() { return delegate.followRedirects(); }
    @Override public Optional<ProxySelector> proxy() { return delegate.proxy(); }
    @Override public SSLContext sslContext() { return delegate.sslContext(); }
    @Override public SSLParameters sslParameters() { return delegate.sslParameters(); }
    @Override public Optional<Authenticator> authenticator() { return delegate.authenticator(); }
    @Override public Version version() { return delegate.version(); }
    @Override public Optional<Executor> executor() { return delegate.executor(); }
}
