package dev.gateway.upstream;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import dev.gateway.engine.ErrorKind;
import dev.gateway.engine.SourceCall;
import dev.gateway.engine.SourceCall.Delay;
import dev.gateway.engine.SourceCall.DelayBasis;
import dev.gateway.engine.SourceFailure;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Decides whether a failed attempt is retried, and how long to wait first.
 * <p>
 * The retry guard calls {@link #shouldRetry} before it calls its backoff strategy for the delay, so the decision
 * computes the delay, checks it against the deadline and records it on the call; {@link #backoffStrategy()} then
 * reads the recorded delay. A delay comes from {@code Retry-After} on 429 and 503 when the header parses, and from
 * the jittered exponential backoff otherwise; either way it is capped at {@code max-delay}.
 */
final class RetryDecider {

    private final String source;
    private final RetryPolicy policy;
    private final Clock clock;
    private final DoubleSupplier random;
    private final URI origin;
    private final RetryBudget budget;

    RetryDecider(String source, RetryPolicy policy, Clock clock, DoubleSupplier random, URI origin,
            RetryBudget budget) {
        this.source = source;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.origin = origin;
        this.budget = budget;
    }

    boolean shouldRetry(Throwable error) {
        if (!(error instanceof AttemptFailure attempt)) {
            return false;
        }
        SourceFailure failure = attempt.failure();
        SourceCall call = attempt.call();
        int attempts = call.attempts();
        int maxAttempts = policy.maxRetries() + 1;
        if (!failure.retryable() || call.stopped() || attempts >= maxAttempts) {
            Log.debugf("source %s attempt %d of %d failed: %s; not retried [request %s]", source, attempts,
                    maxAttempts, failure.getMessage(), call.request().requestId());
            return false;
        }

        if (!budget.allowsRetry()) {
            call.skipRetry(new SourceFailure(failure.kind(), failure.status(), false, failure.getMessage()
                    + "; not retried because the retry budget of " + origin + " is spent", null, failure));
            Log.debugf("source %s attempt %d of %d failed: %s; retry budget of %s spent [request %s]", source,
                    attempts, maxAttempts, failure.getMessage(), origin, call.request().requestId());
            return false;
        }

        Delay delay = nextDelay(attempts, failure);
        long remainingMillis = call.remainingMillis();
        if (delay.millis() >= remainingMillis) {
            call.skipRetry(new SourceFailure(ErrorKind.DEADLINE_EXCEEDED, failure.status(), false,
                    "retry " + attempts + " not started: its delay of " + delay.millis() + " ms would end after the"
                            + " deadline (" + remainingMillis + " ms left); last failure: " + failure.getMessage(),
                    null, failure));
            Log.debugf("source %s attempt %d of %d failed: %s; retry skipped, delay %d ms exceeds the %d ms left"
                    + " [request %s]", source, attempts, maxAttempts, failure.getMessage(), delay.millis(),
                    remainingMillis, call.request().requestId());
            return false;
        }

        call.recordDelay(delay);
        call.observer().retryScheduled(call, delay.millis());
        Log.debugf("source %s attempt %d of %d failed: %s; next attempt in %d ms (%s) [request %s]", source, attempts,
                maxAttempts, failure.getMessage(), delay.millis(), delay.basis(), call.request().requestId());
        return true;
    }

    Delay nextDelay(int retry, SourceFailure failure) {
        long maxDelayMillis = policy.maxDelay().toMillis();
        Integer status = failure.status();
        if (status != null && (status == 429 || status == 503)) {
            Optional<Duration> retryAfter = RetryAfter.parse(failure.retryAfter(), clock.instant());
            if (retryAfter.isPresent()) {
                return new Delay(Math.min(retryAfter.get().toMillis(), maxDelayMillis), DelayBasis.RETRY_AFTER);
            }
        }
        long backoff = policy.backoffMillis(retry);
        return new Delay(policy.jitter().apply(backoff, random.getAsDouble()), DelayBasis.BACKOFF);
    }

    /** Returns a strategy that waits the delay {@link #shouldRetry} recorded for the failed call. */
    static CustomBackoffStrategy backoffStrategy() {
        return cause -> {
            if (cause instanceof AttemptFailure attempt) {
                Delay delay = attempt.call().lastDelay();
                return delay == null ? 0 : delay.millis();
            }
            return 0;
        };
    }
}
