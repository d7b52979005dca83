package dev.gateway.upstream;

import java.time.Duration;
import java.util.Optional;

/**
 * The resolved policy of one configured source: the defaults with the source's overrides applied.
 */
public record SourcePolicy(Duration timeout, RetryPolicy retry, RetryBudgetPolicy retryBudget,
        CircuitBreakerPolicy circuitBreaker, Optional<BulkheadPolicy> bulkhead, Optional<RateLimitPolicy> rateLimit,
        long maxBodyBytes) {

    /** Retry budget of the upstream: tokens in the bucket, and tokens a success adds back. */
    public record RetryBudgetPolicy(double maxTokens, double tokenRatio) {
    }


    /** Circuit breaker settings; they belong to the upstream, so every source of one upstream must agree on them. */
    public record CircuitBreakerPolicy(int requestVolumeThreshold, double failureRatio, Duration delay) {
    }

    /** At most {@code limit} concurrent calls to the upstream, and {@code queueSize} more waiting. */
    public record BulkheadPolicy(int limit, int queueSize) {
    }

    /** At most {@code limit} calls to the upstream per {@code window}. */
    public record RateLimitPolicy(int limit, Duration window) {
    }
}
