package dev.gateway.dashboard;

import java.util.function.BiFunction;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectReader;

import dev.gateway.engine.AggregateRequest;
import dev.gateway.engine.ErrorKind;
import dev.gateway.engine.JsonBodies;
import dev.gateway.engine.Source;
import dev.gateway.engine.SourceCall;
import dev.gateway.engine.SourceData;
import dev.gateway.engine.SourceFailure;
import io.smallrye.mutiny.Uni;

/**
 * A source over one method of a typed REST client that takes the {@code userId} query parameter as its path
 * parameter. The client's fault-tolerance annotations do the retrying; this class turns the outcome into the engine's
 * terms.
 */
final class RestClientSource implements Source {

    static final String USER_ID = "userId";

    private final String name;
    private final boolean required;
    private final String upstream;
    private final BiFunction<String, SourceCall, Uni<Response>> method;
    private final ObjectReader jsonReader;

    RestClientSource(String name, boolean required, String upstream,
            BiFunction<String, SourceCall, Uni<Response>> method, ObjectReader jsonReader) {
        this.name = name;
        this.required = required;
        this.upstream = upstream;
        this.method = method;
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
        return upstream;
    }

    /** Returns the source name, which the client method's {@code @CircuitBreakerName} also gives its breaker. */
    @Override
    public String circuitBreakerName() {
        return name;
    }

    @Override
    public void validate(AggregateRequest request) {
        request.pathParameter(USER_ID);
    }

    // NOTE: stopping the call prevents further attempts. Whether fault tolerance passes the cancellation on to the
    // attempt in flight is not verified. If it does not, that attempt runs until its @Timeout and is discarded.
    @Override
    public Uni<SourceData> fetch(SourceCall call) {
        String userId = call.request().pathParameter(USER_ID);
        return Uni.createFrom().deferred(() -> method.apply(userId, call))
                .map(this::toData)
                .onFailure(UpstreamStatusException.class).transform(RestClientSource::statusFailure);
    }

    private SourceData toData(Response response) {
        try (response) {
            byte[] body = response.hasEntity() ? response.readEntity(byte[].class) : new byte[0];
            return new SourceData(response.getStatus(), JsonBodies.parse(jsonReader, body, response.getStatus(),
                    response.getHeaderString(HttpHeaders.CONTENT_TYPE)));
        }
    }

    /** Turns a status exception of a dashboard client into the engine's failure. */
    static SourceFailure statusFailure(Throwable error) {
        UpstreamStatusException status = (UpstreamStatusException) error;
        String message = status.status() >= 300 && status.status() < 400
                ? "upstream returned HTTP " + status.status() + "; redirects are not followed"
                : status.getMessage();
        return new SourceFailure(ErrorKind.UPSTREAM_STATUS, status.status(),
                status instanceof UpstreamStatusException.Retryable, message, status.retryAfter(), status);
    }
}
