package dev.gateway.upstream;

import java.time.Duration;
import java.util.Set;

/**
 * The retry policy of one source: how many retries, how the delay between them grows, and which statuses are retried.
 */
public record RetryPolicy(int maxRetries, Duration delay, double factor, Duration maxDelay, Jitter jitter,
        Set<Integer> onStatus) {

    public RetryPolicy {
        onStatus = Set.copyOf(onStatus);
    }

    /**
     * Returns the backoff before retry {@code retry} (1 for the first retry) before jitter: {@code delay * factor^(retry
     * - 1)}, capped at {@code maxDelay}. Computed in floating point, so a large retry number cannot overflow.
     */
    public long backoffMillis(int retry) {
        double grown = delay.toMillis() * Math.pow(factor, Math.max(0, retry - 1));
        long cap = maxDelay.toMillis();
        return grown >= cap || Double.isNaN(grown) ? cap : (long) grown;
    }
}
