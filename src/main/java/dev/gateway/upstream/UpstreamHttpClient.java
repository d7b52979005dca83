package dev.gateway.upstream;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.gateway.config.GatewayConfig;
import dev.gateway.engine.ErrorKind;
import dev.gateway.engine.SourceCall;
import dev.gateway.engine.SourceFailure;
import dev.gateway.engine.SourceStoppedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Sends one GET to an upstream on Vert.x's HTTP client and reads the response body up to a size limit.
 * <p>
 * Redirects are not followed. A body over the limit fails the attempt as soon as the {@code Content-Length} header or
 * the bytes read so far exceed it, and the connection is reset, so the gateway never keeps more than the limit in memory. When
 * the call is stopped, the request in flight is reset too and the attempt fails with {@link SourceStoppedException},
 * which no guard counts as an upstream failure.
 */
@ApplicationScoped
public class UpstreamHttpClient {

    /** A complete upstream response with its body read. */
    public record Reply(int status, String contentType, String retryAfter, Buffer body) {
    }

    private final HttpClient client;

    public UpstreamHttpClient(Vertx vertx, GatewayConfig config) {
        // Out-of-range settings are clamped here only so that start-up gets as far as listing them as problems.
        Duration connectTimeout = config.http().connectTimeout();
        int connectTimeoutMillis = connectTimeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0
                ? Integer.MAX_VALUE
                : (int) Math.max(1, connectTimeout.toMillis());
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(Math.max(1, config.http().maxConnectionsPerUpstream()))
                .setConnectTimeout(connectTimeoutMillis)
                .setKeepAlive(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<Reply> get(String url, Map<String, String> headers, long maxBodyBytes, SourceCall call) {
        return Uni.createFrom().emitter(emitter -> {
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setAbsoluteURI(url)
                    .setFollowRedirects(false);
            headers.forEach(options::putHeader);
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
            emitter.onTermination(() -> {
                HttpClientRequest request = inFlight.get();
                if (done.compareAndSet(false, true) && request != null) {
                    request.reset();
                }
            });

            client.request(options).onComplete(opened -> {
                if (opened.failed()) {
                    if (done.compareAndSet(false, true)) {
                        emitter.fail(opened.cause());
                    }
                    return;
                }
                HttpClientRequest request = opened.result();
                inFlight.set(request);
                if (done.get()) {
                    request.reset();
                    return;
                }
                // Only a request still in flight is reset: once done, its pooled connection may already carry
                // another request, which a late reset would break.
                call.onAbort(() -> {
                    if (done.compareAndSet(false, true)) {
                        request.reset();
                        emitter.fail(new SourceStoppedException(call.source()));
                    }
                });
                request.send().onComplete(sent -> {
                    if (sent.failed()) {
                        if (done.compareAndSet(false, true)) {
                            emitter.fail(sent.cause());
                        }
                        return;
                    }
                    readBody(sent.result(), request, maxBodyBytes, done, emitter);
                });
            });
        });
    }

    private static void readBody(HttpClientResponse response, HttpClientRequest request, long maxBodyBytes,
            AtomicBoolean done, UniEmitter<? super Reply> emitter) {
        String contentLength = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (contentLength != null && parseLength(contentLength) > maxBodyBytes) {
            failTooLarge(response, request, maxBodyBytes, done, emitter, "Content-Length " + contentLength.trim());
            return;
        }
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (done.get()) {
                return;
            }
            if ((long) body.length() + chunk.length() > maxBodyBytes) {
                failTooLarge(response, request, maxBodyBytes, done, emitter, "more than " + maxBodyBytes + " bytes received");
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(error -> {
            if (done.compareAndSet(false, true)) {
                emitter.fail(error);
            }
        });
        response.endHandler(ignored -> {
            if (done.compareAndSet(false, true)) {
                emitter.complete(new Reply(response.statusCode(), response.getHeader(HttpHeaders.CONTENT_TYPE),
                        response.getHeader("Retry-After"), body));
            }
        });
    }

    private static void failTooLarge(HttpClientResponse response, HttpClientRequest request, long maxBodyBytes, AtomicBoolean done,
            UniEmitter<? super Reply> emitter, String seen) {
        if (done.compareAndSet(false, true)) {
            request.reset();
            emitter.fail(new SourceFailure(ErrorKind.RESPONSE_TOO_LARGE, response.statusCode(), false,
                    "response body exceeds max-body-size of " + maxBodyBytes + " bytes (" + seen + ")", null, null));
        }
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
