package dev.gateway.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state of one source within one aggregate request: attempts sent, delays waited, and whether the engine has
 * stopped the source because the deadline passed or a required sibling failed.
 * <p>
 * Attempts run one after another, but the engine stops a call from another thread, so every field is thread-safe.
 */
public final class SourceCall {

    /** The origin of a delay between two attempts. */
    public enum DelayBasis {
        BACKOFF,
        RETRY_AFTER
    }

    /** One wait between two attempts. */
    public record Delay(long millis, DelayBasis basis) {
    }

    private final String aggregate;
    private final String source;
    private final AggregateRequest request;
    private final long deadlineNanos;
    private final AttemptObserver observer;
    private final AtomicReference<AttemptObserver.AttemptScope> openAttempt = new AtomicReference<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<Delay> delays = new ArrayList<>();
    private final AtomicReference<Runnable> abortInFlight = new AtomicReference<>();
    private volatile boolean stopped;
    private volatile SourceFailure retrySkip;

    public SourceCall(String aggregate, String source, AggregateRequest request, long deadlineNanos,
            AttemptObserver observer) {
        this.aggregate = aggregate;
        this.source = source;
        this.request = request;
        this.deadlineNanos = deadlineNanos;
        this.observer = observer;
    }

    /** Creates a call outside any aggregate request's observation, for tests of a single source. */
    public SourceCall(String source, AggregateRequest request, long deadlineNanos) {
        this("", source, request, deadlineNanos, AttemptObserver.NONE);
    }

    public String aggregate() {
        return aggregate;
    }

    public String source() {
        return source;
    }

    public AttemptObserver observer() {
        return observer;
    }

    public AggregateRequest request() {
        return request;
    }

    /**
     * Counts an attempt about to be sent and returns its number, starting at 1. An attempt still open is ended as
     * {@code failed} first, for callers that learn about a failure only when the next attempt starts.
     */
    public int startAttempt() {
        if (stopped) {
            throw new SourceStoppedException(source);
        }
        endAttempt("failed");
        int attempt = attempts.incrementAndGet();
        openAttempt.set(observer.attemptStarted(this, attempt));
        return attempt;
    }

    /** Ends the attempt in flight with {@code outcome}; does nothing when none is open. */
    public void endAttempt(String outcome) {
        AttemptObserver.AttemptScope scope = openAttempt.getAndSet(null);
        if (scope != null) {
            scope.end(outcome);
        }
    }

    /** Headers that carry the trace context of the attempt in flight. */
    public Map<String, String> propagationHeaders() {
        AttemptObserver.AttemptScope scope = openAttempt.get();
        return scope == null ? Map.of() : scope.propagationHeaders();
    }

    public int attempts() {
        return attempts.get();
    }

    /** Returns the aggregate request's deadline on the {@link System#nanoTime()} clock. */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    public long remainingMillis() {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    public synchronized void recordDelay(Delay delay) {
        delays.add(delay);
    }

    public synchronized List<Delay> delays() {
        return List.copyOf(delays);
    }

    /** Returns the delay recorded last; a backoff strategy reads the delay its retry decision chose. */
    public synchronized Delay lastDelay() {
        return delays.isEmpty() ? null : delays.get(delays.size() - 1);
    }

    /**
     * Records why a retry was not started although the failure was retryable: its delay would end after the deadline,
     * or the upstream's retry budget is spent. {@code failure} replaces the last attempt's failure in the result.
     */
    public void skipRetry(SourceFailure failure) {
        this.retrySkip = failure;
    }

    /** Returns the failure recorded by {@link #skipRetry}, or null. */
    public SourceFailure retrySkip() {
        return retrySkip;
    }

    /** Registers how to abort the attempt in flight; replaced by each new attempt. */
    public void onAbort(Runnable abort) {
        abortInFlight.set(abort);
        if (stopped) {
            abort.run();
        }
    }

    /** Stops the source: no further attempt starts, and the attempt in flight, if any, is aborted. */
    public void stop() {
        stopped = true;
        Runnable abort = abortInFlight.getAndSet(null);
        if (abort != null) {
            abort.run();
        }
    }

    public boolean stopped() {
        return stopped;
    }
}
