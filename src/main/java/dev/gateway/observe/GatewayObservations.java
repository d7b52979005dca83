package dev.gateway.observe;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.gateway.engine.AttemptObserver;
import dev.gateway.engine.SourceCall;
import dev.gateway.engine.SourceResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * Metrics and trace spans of attempts, retries, sources and aggregate responses.
 * <p>
 * Every label is a configured name or a fixed word: {@code aggregate}, {@code source}, {@code outcome}, {@code kind},
 * {@code status}, {@code complete}. No label takes a request value, so the number of series stays bounded.
 */
@ApplicationScoped
public class GatewayObservations implements AttemptObserver {

    static final String ATTEMPTS = "gateway.upstream.attempts";
    static final String ATTEMPT_DURATION = "gateway.upstream.attempt.duration";
    static final String RETRIES = "gateway.upstream.retries";
    static final String SOURCE_RESULTS = "gateway.source.results";
    static final String SOURCE_DURATION = "gateway.source.duration";
    static final String RESPONSES = "gateway.aggregate.responses";
    static final String AGGREGATE_DURATION = "gateway.aggregate.duration";

    /** Label value of requests for an aggregate that does not exist, which must not become a label of its own. */
    public static final String UNKNOWN_AGGREGATE = "_unknown";

    private final MeterRegistry registry;
    private final Tracer tracer;
    private final OpenTelemetry openTelemetry;
    private final boolean tracing;

    /**
     * Creates the observations; with the OpenTelemetry SDK disabled, attempts open no span and send no
     * {@code traceparent}, because a trace whose spans are never exported would only mislead the upstream.
     */
    public GatewayObservations(MeterRegistry registry, OpenTelemetry openTelemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean sdkDisabled) {
        this.registry = registry;
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("dev.gateway");
        this.tracing = !sdkDisabled;
    }

    @Override
    public AttemptScope attemptStarted(SourceCall call, int attempt) {
        if (!tracing) {
            return new Scope(call, Span.getInvalid(), System.nanoTime());
        }
        Span span = tracer.spanBuilder("attempt " + call.source())
                .setParent(call.request().traceContext())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("gateway.aggregate", call.aggregate())
                .setAttribute("gateway.source", call.source())
                .setAttribute("gateway.attempt", attempt)
                .startSpan();
        return new Scope(call, span, System.nanoTime());
    }

    @Override
    public void retryScheduled(SourceCall call, long delayMillis) {
        Counter.builder(RETRIES).description("Retries scheduled after a failed upstream attempt")
                .tag("aggregate", call.aggregate()).tag("source", call.source())
                .register(registry).increment();
    }

    @Override
    public void sourceFinished(SourceCall call, SourceResult result, long elapsedNanos) {
        Counter.builder(SOURCE_RESULTS).description("Final outcome of sources, by error kind")
                .tag("aggregate", call.aggregate()).tag("source", call.source())
                .tag("outcome", result.ok() ? "ok" : "failed")
                .tag("kind", result.ok() ? "none" : result.kind().wireName())
                .register(registry).increment();
        Timer.builder(SOURCE_DURATION).description("Time from the aggregate request to a source's result")
                .tag("aggregate", call.aggregate()).tag("source", call.source())
                .publishPercentileHistogram()
                .register(registry).record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    /** Records one response of an aggregate; {@code aggregate} is a configured name or {@link #UNKNOWN_AGGREGATE}. */
    public void aggregateFinished(String aggregate, int status, boolean complete, Duration elapsed) {
        Counter.builder(RESPONSES).description("Aggregate responses by HTTP status and completeness")
                .tag("aggregate", aggregate).tag("status", Integer.toString(status))
                .tag("complete", Boolean.toString(complete))
                .register(registry).increment();
        Timer.builder(AGGREGATE_DURATION).description("Time to answer an aggregate request")
                .tag("aggregate", aggregate)
                .publishPercentileHistogram()
                .register(registry).record(elapsed);
    }

    /** One attempt's span and start time. */
    private final class Scope implements AttemptScope {

        private final SourceCall call;
        private final Span span;
        private final long startNanos;

        Scope(SourceCall call, Span span, long startNanos) {
            this.call = call;
            this.span = span;
            this.startNanos = startNanos;
        }

        @Override
        public void end(String outcome) {
            long elapsedNanos = System.nanoTime() - startNanos;
            Counter.builder(ATTEMPTS).description("Upstream attempts by outcome")
                    .tag("aggregate", call.aggregate()).tag("source", call.source()).tag("outcome", outcome)
                    .register(registry).increment();
            Timer.builder(ATTEMPT_DURATION).description("Duration of one upstream attempt")
                    .tag("aggregate", call.aggregate()).tag("source", call.source())
                    .publishPercentileHistogram()
                    .register(registry).record(elapsedNanos, TimeUnit.NANOSECONDS);
            span.setAttribute("gateway.outcome", outcome);
            if (!outcome.equals("ok")) {
                span.setStatus(StatusCode.ERROR, outcome);
            }
            span.end();
        }

        @Override
        public Map<String, String> propagationHeaders() {
            if (!span.getSpanContext().isValid()) {
                return Map.of();
            }
            Map<String, String> headers = new HashMap<>();
            openTelemetry.getPropagators().getTextMapPropagator()
                    .inject(Context.current().with(span), headers, (carrier, key, value) -> carrier.put(key, value));
            return headers;
        }
    }
}
