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
     * - 1)}, capped at {@code maxDelay}. Computed in floating point, so a large retry number or factor cannot overflow.
     */
    public long backoffMillis(int retry) {
        long delayMillis = delay.toMillis();
        if (delayMillis == 0) {
            return 0;
        }
        double grown = delayMillis * Math.pow(factor, Math.max(0, retry - 1));
        long cap = maxDelay.toMillis();
        return grown >= cap ? cap : (long) grown;
    }
}
