package dev.gateway.upstream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.gateway.engine.AggregateRequest;
import dev.gateway.engine.ErrorKind;
import dev.gateway.engine.JsonBodies;
import dev.gateway.engine.Source;
import dev.gateway.engine.SourceCall;
import dev.gateway.engine.SourceData;
import dev.gateway.engine.SourceFailure;
import dev.gateway.engine.SourceStoppedException;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * A source declared in configuration: a GET to a URL template, guarded by its retry guard and by the shared guard of
 * its upstream.
 * <p>
 * Each attempt sends {@value #ATTEMPT_HEADER} (1 for the first attempt), {@value #TIMEOUT_HEADER} (the milliseconds
 * the gateway will wait for this attempt: the attempt timeout or the time left before the deadline, whichever is
 * less) and {@code X-Request-Id}.
 */
public final class HttpSource implements Source {

    public static final String ATTEMPT_HEADER = "X-Gateway-Attempt";
    public static final String TIMEOUT_HEADER = "X-Request-Timeout-Ms";

    private final String name;
    private final boolean required;
    private final UrlTemplate url;
    private final Map<String, String> headers;
    private final List<String> forwardHeaders;
    private final SourcePolicy policy;
    private final TypedGuard<Uni<SourceData>> retryGuard;
    private final TypedGuard<Uni<SourceData>> upstreamGuard;
    private final RetryBudget retryBudget;
    private final UpstreamHttpClient http;
    private final ObjectReader jsonReader;

    HttpSource(String name, boolean required, UrlTemplate url, Map<String, String> headers,
            List<String> forwardHeaders, SourcePolicy policy, TypedGuard<Uni<SourceData>> retryGuard,
            TypedGuard<Uni<SourceData>> upstreamGuard, RetryBudget retryBudget, UpstreamHttpClient http,
            ObjectReader jsonReader) {
        this.name = name;
        this.required = required;
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.forwardHeaders = List.copyOf(forwardHeaders);
        this.policy = policy;
        this.retryGuard = retryGuard;
        this.upstreamGuard = upstreamGuard;
        this.retryBudget = retryBudget;
        this.http = http;
        this.jsonReader = jsonReader;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean required() {
        return required;
    }

    @Override
    public String upstream() {
        return url.toString();
    }

    @Override
    public String circuitBreakerName() {
        return UpstreamGuards.circuitBreakerName(url.origin());
    }

    @Override
    public void validate(AggregateRequest request) {
        url.validate(request);
    }

    @Override
    public Uni<SourceData> fetch(SourceCall call) {
        return retryGuard.get(() -> upstreamGuard.get(() -> attempt(call)))
                .onFailure(AttemptFailure.class).transform(error -> ((AttemptFailure) error).failure());
    }

    private Uni<SourceData> attempt(SourceCall call) {
        return Uni.createFrom().deferred(() -> {
            int attempt = call.startAttempt();
            long timeoutMillis = policy.timeout().toMillis();
            Map<String, String> requestHeaders = requestHeaders(call, attempt,
                    Math.min(timeoutMillis, call.remainingMillis()));
            return http.get(url.expand(call.request()), requestHeaders, policy.maxBodyBytes(), call)
                    .ifNoItem().after(Duration.ofMillis(timeoutMillis))
                    .failWith(() -> new SourceFailure(ErrorKind.TIMEOUT, null, true,
                            "no response within the attempt timeout of " + timeoutMillis + " ms", null, null))
                    .onFailure(error -> !(error instanceof SourceFailure) && !(error instanceof SourceStoppedException))
                    .transform(HttpSource::transportFailure)
                    .map(this::toData)
                    .onItemOrFailure().invoke((data, error) -> recordAttempt(call, error))
                    .onFailure(SourceFailure.class).transform(error -> new AttemptFailure((SourceFailure) error, call));
        });
    }

    private void recordAttempt(SourceCall call, Throwable error) {
        if (error == null) {
            retryBudget.recordSuccess();
            call.endAttempt("ok");
        } else if (error instanceof SourceFailure failure) {
            if (failure.retryable()) {
                retryBudget.recordFailure();
            }
            call.endAttempt(failure.kind().wireName());
        } else if (error instanceof SourceStoppedException) {
            call.endAttempt(ErrorKind.CANCELLED.wireName());
        }
    }

    private Map<String, String> requestHeaders(SourceCall call, int attempt, long budgetMillis) {
        Map<String, String> result = new LinkedHashMap<>(headers);
        Map<String, String> incoming = call.request().headers();
        for (String header : forwardHeaders) {
            String value = incoming.get(header.toLowerCase(Locale.ROOT));
            if (value != null) {
                result.put(header, value);
            }
        }
        result.putAll(call.propagationHeaders());
        result.put("X-Request-Id", call.request().requestId());
        result.put(ATTEMPT_HEADER, Integer.toString(attempt));
        result.put(TIMEOUT_HEADER, Long.toString(budgetMillis));
        result.put("Accept", "application/json");
        return result;
    }

    private static SourceFailure transportFailure(Throwable error) {
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new SourceFailure(ErrorKind.CONNECT_ERROR, null, true, "connection failed: " + reason, null, error);
    }

    private SourceData toData(UpstreamHttpClient.Reply reply) {
        int status = reply.status();
        if (status >= 200 && status < 300) {
            return new SourceData(status, parse(reply));
        }
        if (status >= 300 && status < 400) {
            throw new SourceFailure(ErrorKind.UPSTREAM_STATUS, status, false,
                    "upstream returned HTTP " + status + "; redirects are not followed", null, null);
        }
        boolean retryable = policy.retry().onStatus().contains(status);
        throw new SourceFailure(ErrorKind.UPSTREAM_STATUS, status, retryable, "upstream returned HTTP " + status,
                reply.retryAfter(), null);
    }

    private JsonNode parse(UpstreamHttpClient.Reply reply) {
        return JsonBodies.parse(jsonReader, reply.body().getBytes(), reply.status(), reply.contentType());
    }
}
