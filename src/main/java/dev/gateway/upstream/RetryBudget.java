package dev.gateway.upstream;

/**
 * Limits retries to an upstream across all requests, so that retrying cannot multiply the load on an upstream that
 * is failing for everyone.
 * <p>
 * A token bucket in the style of gRPC's retry throttling: the bucket starts full at {@code maxTokens}; every
 * transient failure takes one token and every success adds {@code tokenRatio}. Retries are allowed only while more
 * than half the tokens are left, so during an outage each request soon sends a single attempt, and retries come back
 * as successes refill the bucket. A {@code maxTokens} of 0 switches the budget off.
 */
final class RetryBudget {

    private final double maxTokens;
    private final double tokenRatio;
    private double tokens;

    RetryBudget(double maxTokens, double tokenRatio) {
        this.maxTokens = maxTokens;
        this.tokenRatio = tokenRatio;
        this.tokens = maxTokens;
    }

    synchronized void recordFailure() {
        tokens = Math.max(0, tokens - 1);
    }

    synchronized void recordSuccess() {
        tokens = Math.min(maxTokens, tokens + tokenRatio);
    }

    synchronized boolean allowsRetry() {
        return maxTokens == 0 || tokens > maxTokens / 2;
    }

    synchronized double tokens() {
        return tokens;
    }
}
