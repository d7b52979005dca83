package dev.gateway.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Runs the sources of an aggregate in parallel and collects one {@link SourceResult} per source.
 * <p>
 * Every source ends in one of three ways, whichever comes first: its own result, the deadline, or the failure of a
 * required sibling. A required source that fails for good makes the remaining ones moot, so they are stopped at once
 * and reported as {@code cancelled}; an optional failure stops nothing. The combination itself never fails: each
 * failure is turned into a result, so that every failed source is reported, not just the first.
 */
@ApplicationScoped
public class Aggregator {

    private final AttemptObserver observer;
    private final FailureLog failureLog = new FailureLog();

    public Aggregator(AttemptObserver observer) {
        this.observer = observer;
    }

    /** The end of one source: on its own, or because the engine stopped it. */
    private record Ending(SourceResult result, boolean onItsOwn) {
    }

    public Uni<AggregateResult> run(AggregateDefinition aggregate, AggregateRequest request) {
        for (Source source : aggregate.sources()) {
            source.validate(request);
        }

        long startNanos = System.nanoTime();
        long deadlineNanos = startNanos + aggregate.deadline().toNanos();
        CompletableFuture<Void> requiredFailed = new CompletableFuture<>();
        List<Uni<SourceResult>> results = new ArrayList<>();
        List<SourceCall> calls = new ArrayList<>();
        for (Source source : aggregate.sources()) {
            SourceCall call = new SourceCall(aggregate.name(), source.name(), request, deadlineNanos, observer);
            calls.add(call);
            results.add(runSource(aggregate, source, call, startNanos, requiredFailed));
        }

        // A cancelled request, such as one whose client went away, stops every source so no retry outlives it.
        return Uni.combine().all().unis(results).with(SourceResult.class,
                list -> new AggregateResult(aggregate.name(), list))
                .onCancellation().invoke(() -> calls.forEach(SourceCall::stop));
    }

    private Uni<SourceResult> runSource(AggregateDefinition aggregate, Source source, SourceCall call, long startNanos,
            CompletableFuture<Void> requiredFailed) {
        Uni<Ending> fetched = Uni.createFrom().deferred(() -> source.fetch(call))
                .map(data -> new Ending(success(source, call, data, startNanos), true))
                .onFailure().recoverWithItem(error -> new Ending(
                        failure(source, call, Failures.classify(error, call), startNanos), true));

        Duration untilDeadline = Duration.ofNanos(Math.max(1, call.deadlineNanos() - System.nanoTime()));
        Uni<Ending> deadline = Uni.createFrom().voidItem().onItem().delayIt().by(untilDeadline)
                .map(ignored -> new Ending(failure(source, call, SourceFailure.of(ErrorKind.DEADLINE_EXCEEDED,
                        "no result within the aggregate deadline of " + aggregate.deadline().toMillis() + " ms"),
                        startNanos), false));

        // Each race gets a copy: a race that ends otherwise cancels its stage, which must not cancel the siblings'.
        Uni<Ending> cancelled = Uni.createFrom().completionStage(requiredFailed::copy)
                .map(ignored -> new Ending(failure(source, call, SourceFailure.of(ErrorKind.CANCELLED,
                        "cancelled because a required source failed"), startNanos), false));

        return Uni.join().first(fetched, deadline, cancelled).withItem()
                .invoke(ending -> {
                    call.stop();
                    SourceResult result = ending.result();
                    call.endAttempt(result.ok() ? "ok" : result.kind().wireName());
                    observer.sourceFinished(call, result, System.nanoTime() - startNanos);
                    if (ending.onItsOwn() && source.required() && !result.ok()) {
                        requiredFailed.complete(null);
                    }
                    log(aggregate, call, result);
                })
                .map(Ending::result);
    }

    private static SourceResult success(Source source, SourceCall call, SourceData data, long startNanos) {
        return new SourceResult(source.name(), source.required(), data.body(), null, data.status(), null, call.attempts(),
                elapsedMillis(startNanos), call.delays());
    }

    private static SourceResult failure(Source source, SourceCall call, SourceFailure failure, long startNanos) {
        return new SourceResult(source.name(), source.required(), null, failure.kind(), failure.status(),
                failure.getMessage(), call.attempts(), elapsedMillis(startNanos), call.delays());
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private void log(AggregateDefinition aggregate, SourceCall call, SourceResult result) {
        if (result.ok()) {
            Log.debugf("source %s of %s succeeded after %d attempt(s) [request %s]", result.source(),
                    aggregate.name(), result.attempts(), call.request().requestId());
        } else if (result.kind() == ErrorKind.CANCELLED) {
            Log.debugf("source %s of %s cancelled after %d attempt(s) [request %s]", result.source(),
                    aggregate.name(), result.attempts(), call.request().requestId());
        } else {
            failureLog.failed(aggregate, call, result);
        }
    }
}
