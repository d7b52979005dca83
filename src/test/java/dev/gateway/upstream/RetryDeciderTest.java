package dev.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.gateway.engine.AggregateRequest;
import dev.gateway.engine.ErrorKind;
import dev.gateway.engine.SourceCall;
import dev.gateway.engine.SourceCall.Delay;
import dev.gateway.engine.SourceCall.DelayBasis;
import dev.gateway.engine.SourceFailure;

class RetryDeciderTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final double RANDOM = 0.5;
    private static final URI ORIGIN = URI.create("http://accounts.example:80");

    /** Three retries with a backoff of 100, 200 and 400 ms before FULL jitter, and a max delay of 2 s. */
    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(100), 2, Duration.ofSeconds(2),
            Jitter.FULL, Set.of(429, 500, 502, 503));

    private final RetryDecider decider = new RetryDecider("accounts", POLICY, CLOCK, () -> RANDOM, ORIGIN,
            new RetryBudget(0, 0.1));

    private static SourceCall callWithDeadlineIn(long millis) {
        AggregateRequest request = new AggregateRequest(Map.of("userId", "u-1"), Map.of(), "req-1");
        return new SourceCall("accounts", request, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static SourceCall callAfterAttempts(int attempts) {
        SourceCall call = callWithDeadlineIn(10_000);
        for (int i = 0; i < attempts; i++) {
            call.startAttempt();
        }
        return call;
    }

    private static SourceFailure statusFailure(int status, String retryAfter) {
        return new SourceFailure(ErrorKind.UPSTREAM_STATUS, status, true, "upstream returned " + status, retryAfter,
                null);
    }

    @Test
    void retryableFailureWithinBudgetIsRetried() {
        SourceCall call = callAfterAttempts(1);

        boolean retried = decider.shouldRetry(new AttemptFailure(statusFailure(502, null), call));

        assertThat(retried).isTrue();
        assertThat(call.lastDelay()).isEqualTo(new Delay(50, DelayBasis.BACKOFF));
        assertThat(call.delays()).hasSize(1);
        assertThat(call.retrySkip()).isNull();
    }

    @Test
    void laterRetriesUseGrownBackoff() {
        SourceCall call = callAfterAttempts(1);
        SourceFailure failure = statusFailure(502, null);
        decider.shouldRetry(new AttemptFailure(failure, call));
        call.startAttempt();
        decider.shouldRetry(new AttemptFailure(failure, call));
        call.startAttempt();

        boolean retried = decider.shouldRetry(new AttemptFailure(failure, call));

        assertThat(retried).isTrue();
        assertThat(call.delays()).containsExactly(
                new Delay(50, DelayBasis.BACKOFF),
                new Delay(100, DelayBasis.BACKOFF),
                new Delay(200, DelayBasis.BACKOFF));
    }

    @Test
    void nonRetryableFailureIsNotRetried() {
        SourceCall call = callAfterAttempts(1);
        SourceFailure failure = new SourceFailure(ErrorKind.UPSTREAM_STATUS, 404, false, "upstream returned 404",
                null, null);

        boolean retried = decider.shouldRetry(new AttemptFailure(failure, call));

        assertThat(retried).isFalse();
        assertThat(call.delays()).isEmpty();
        assertThat(call.retrySkip()).isNull();
    }

    @Test
    void lastAllowedAttemptIsRetried() {
        SourceCall call = callAfterAttempts(POLICY.maxRetries());

        boolean retried = decider.shouldRetry(new AttemptFailure(statusFailure(502, null), call));

        assertThat(retried).isTrue();
        assertThat(call.lastDelay()).isEqualTo(new Delay(200, DelayBasis.BACKOFF));
    }

    @Test
    void failureAfterMaxAttemptsIsNotRetried() {
        SourceCall call = callAfterAttempts(POLICY.maxRetries() + 1);

        boolean retried = decider.shouldRetry(new AttemptFailure(statusFailure(502, null), call));

        assertThat(retried).isFalse();
        assertThat(call.delays()).isEmpty();
        assertThat(call.retrySkip()).isNull();
    }

    @Test
    void retryAfterOn503SetsDelay() {
        SourceCall call = callAfterAttempts(1);

        boolean retried = decider.shouldRetry(new AttemptFailure(statusFailure(503, "1"), call));

        assertThat(retried).isTrue();
        assertThat(call.lastDelay()).isEqualTo(new Delay(1_000, DelayBasis.RETRY_AFTER));
    }

    @Test
    void retryAfterHttpDateIsReadAgainstClock() {
        SourceCall call = callAfterAttempts(1);

        boolean retried = decider.shouldRetry(
                new AttemptFailure(statusFailure(503, "Wed, 01 May 2024 12:00:01 GMT"), call));

        assertThat(retried).isTrue();
        assertThat(call.lastDelay()).isEqualTo(new Delay(1_000, DelayBasis.RETRY_AFTER));
    }

    @Test
    void retryAfterOn429IsCappedAtMaxDelay() {
        SourceCall call = callAfterAttempts(1);

        boolean retried = decider.shouldRetry(new AttemptFailure(statusFailure(429, "60"), call));

        assertThat(retried).isTrue();
        assertThat(call.lastDelay()).isEqualTo(new Delay(2_000, DelayBasis.RETRY_AFTER));
    }

    @Test
    void retryAfterOn500IsIgnored() {
        SourceCall call = callAfterAttempts(1);

        boolean retried = decider.shouldRetry(new AttemptFailure(statusFailure(500, "1"), call));

        assertThat(retried).isTrue();
        assertThat(call.lastDelay()).isEqualTo(new Delay(50, DelayBasis.BACKOFF));
    }

    @Test
    void invalidRetryAfterFallsBackToBackoff() {
        SourceCall call = callAfterAttempts(1);

        boolean retried = decider.shouldRetry(new AttemptFailure(statusFailure(503, "abc"), call));

        assertThat(retried).isTrue();
        assertThat(call.lastDelay()).isEqualTo(new Delay(50, DelayBasis.BACKOFF));
    }

    @Test
    void failureWithoutStatusUsesBackoff() {
        SourceCall call = callAfterAttempts(1);
        SourceFailure failure = new SourceFailure(ErrorKind.CONNECT_ERROR, null, true, "connection refused", "1",
                null);

        boolean retried = decider.shouldRetry(new AttemptFailure(failure, call));

        assertThat(retried).isTrue();
        assertThat(call.lastDelay()).isEqualTo(new Delay(50, DelayBasis.BACKOFF));
    }

    @Test
    void delayPastDeadlineSkipsRetry() {
        SourceCall call = callWithDeadlineIn(500);
        call.startAttempt();
        SourceFailure failure = statusFailure(503, "1");

        boolean retried = decider.shouldRetry(new AttemptFailure(failure, call));

        assertThat(retried).isFalse();
        assertThat(call.delays()).isEmpty();
        SourceFailure skip = call.retrySkip();
        assertThat(skip).isNotNull();
        assertThat(skip.kind()).isEqualTo(ErrorKind.DEADLINE_EXCEEDED);
        assertThat(skip.status()).isEqualTo(503);
        assertThat(skip.retryable()).isFalse();
        assertThat(skip.getMessage()).startsWith("retry 1 not started: its delay of 1000 ms would end after the"
                + " deadline (");
        assertThat(skip.getMessage()).endsWith("ms left); last failure: upstream returned 503");
        assertThat(skip.getCause()).isSameAs(failure);
    }

    @Test
    void passedDeadlineSkipsRetryWithZeroDelay() {
        SourceCall call = callWithDeadlineIn(-1);
        call.startAttempt();

        boolean retried = decider.shouldRetry(new AttemptFailure(statusFailure(503, "0"), call));

        assertThat(retried).isFalse();
        assertThat(call.retrySkip()).isNotNull();
        assertThat(call.retrySkip().getMessage()).contains("its delay of 0 ms", "(0 ms left)");
    }

    @Test
    void stoppedCallIsNotRetried() {
        SourceCall call = callAfterAttempts(1);
        call.stop();

        boolean retried = decider.shouldRetry(new AttemptFailure(statusFailure(502, null), call));

        assertThat(retried).isFalse();
        assertThat(call.delays()).isEmpty();
        assertThat(call.retrySkip()).isNull();
    }

    @Test
    void otherThrowableIsNotRetried() {
        assertThat(decider.shouldRetry(new IllegalStateException("boom"))).isFalse();
        assertThat(decider.shouldRetry(statusFailure(502, null))).isFalse();
    }

    @Test
    void backoffStrategyReturnsRecordedDelay() {
        SourceCall call = callAfterAttempts(1);
        AttemptFailure attempt = new AttemptFailure(statusFailure(503, "1"), call);
        decider.shouldRetry(attempt);

        long waitMillis = RetryDecider.backoffStrategy().nextDelayInMillis(attempt);

        assertThat(waitMillis).isEqualTo(1_000);
    }

    @Test
    void backoffStrategyWithoutRecordedDelayIsZero() {
        AttemptFailure attempt = new AttemptFailure(statusFailure(502, null), callAfterAttempts(1));

        long waitMillis = RetryDecider.backoffStrategy().nextDelayInMillis(attempt);

        assertThat(waitMillis).isZero();
    }

    @Test
    void backoffStrategyForOtherThrowableIsZero() {
        long waitMillis = RetryDecider.backoffStrategy().nextDelayInMillis(new IllegalStateException("boom"));

        assertThat(waitMillis).isZero();
    }

    @Test
    void spentBudgetStopsRetries() {
        RetryBudget budget = new RetryBudget(2, 0.1);
        budget.recordFailure();
        RetryDecider limited = new RetryDecider("accounts", POLICY, CLOCK, () -> RANDOM, ORIGIN, budget);
        SourceCall call = callAfterAttempts(1);

        boolean retried = limited.shouldRetry(new AttemptFailure(
                new SourceFailure(ErrorKind.UPSTREAM_STATUS, 503, true, "upstream returned HTTP 503", null, null),
                call));

        assertThat(retried).isFalse();
        assertThat(call.retrySkip()).isNotNull();
        assertThat(call.retrySkip().kind()).isEqualTo(ErrorKind.UPSTREAM_STATUS);
        assertThat(call.retrySkip().getMessage())
                .isEqualTo("upstream returned HTTP 503; not retried because the retry budget of"
                        + " http://accounts.example:80 is spent");
        assertThat(call.delays()).isEmpty();
    }
}
