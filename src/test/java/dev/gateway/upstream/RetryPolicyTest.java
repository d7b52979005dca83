package dev.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static RetryPolicy policy(long delayMillis, double factor, long maxDelayMillis) {
        return new RetryPolicy(3, Duration.ofMillis(delayMillis), factor, Duration.ofMillis(maxDelayMillis),
                Jitter.NONE, Set.of(503));
    }

    @Test
    void backoffGrowsByFactorPerRetry() {
        RetryPolicy policy = policy(100, 2, 10_000);

        assertThat(policy.backoffMillis(1)).isEqualTo(100);
        assertThat(policy.backoffMillis(2)).isEqualTo(200);
        assertThat(policy.backoffMillis(3)).isEqualTo(400);
        assertThat(policy.backoffMillis(4)).isEqualTo(800);
    }

    @Test
    void backoffWithFractionalFactor() {
        RetryPolicy policy = policy(100, 1.5, 10_000);

        assertThat(policy.backoffMillis(2)).isEqualTo(150);
        assertThat(policy.backoffMillis(3)).isEqualTo(225);
    }

    @Test
    void backoffIsCappedAtMaxDelay() {
        RetryPolicy policy = policy(100, 2, 1_000);

        assertThat(policy.backoffMillis(4)).isEqualTo(800);
        assertThat(policy.backoffMillis(5)).isEqualTo(1_000);
        assertThat(policy.backoffMillis(6)).isEqualTo(1_000);
    }

    @Test
    void backoffEqualToMaxDelayIsKept() {
        RetryPolicy policy = policy(250, 2, 1_000);

        assertThat(policy.backoffMillis(3)).isEqualTo(1_000);
    }

    @Test
    void backoffForLargeRetryDoesNotOverflow() {
        RetryPolicy policy = policy(100, 2, 30_000);

        assertThat(policy.backoffMillis(60)).isEqualTo(30_000);
        assertThat(policy.backoffMillis(1000)).isEqualTo(30_000);
        assertThat(policy.backoffMillis(Integer.MAX_VALUE)).isEqualTo(30_000);
    }

    @Test
    void backoffWithFactorOneIsConstant() {
        RetryPolicy policy = policy(300, 1, 10_000);

        assertThat(policy.backoffMillis(1)).isEqualTo(300);
        assertThat(policy.backoffMillis(2)).isEqualTo(300);
        assertThat(policy.backoffMillis(50)).isEqualTo(300);
        assertThat(policy.backoffMillis(1000)).isEqualTo(300);
    }

    @Test
    void backoffForRetryZeroIsTheDelay() {
        RetryPolicy policy = policy(100, 2, 10_000);

        assertThat(policy.backoffMillis(0)).isEqualTo(100);
    }

    @Test
    void backoffWithZeroDelayStaysZero() {
        RetryPolicy policy = policy(0, 2, 5_000);

        assertThat(policy.backoffMillis(1)).isZero();
        assertThat(policy.backoffMillis(60)).isZero();
    }

    @Test
    void zeroDelayWithHugeFactorIsZero() {
        // factor^2 overflows to Infinity, and 0 * Infinity is NaN in floating point.
        RetryPolicy policy = policy(0, 1e200, 5_000);

        assertThat(policy.backoffMillis(3)).isZero();
    }

    @Test
    void onStatusIsCopied() {
        Set<Integer> statuses = new HashSet<>(Set.of(502, 503));
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), 2, Duration.ofSeconds(1), Jitter.FULL, statuses);

        statuses.add(500);

        assertThat(policy.onStatus()).containsExactlyInAnyOrder(502, 503);
    }
}
