package dev.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * All {@code gateway.*} configuration. The reference documentation lists every key with the same defaults.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The policy of every configured source, unless the source overrides a value. */
    Defaults defaults();

    /** Aggregates by name; each is served at {@code /aggregates/<name>}. */
    Map<String, AggregateConfig> aggregates();

    /** The HTTP client of configured sources. */
    Http http();

    /** The embedded demo upstream. */
    Demo demo();

    /** Graceful shutdown. */
    Shutdown shutdown();

    interface Shutdown {

        /** Time aggregate requests in flight get to finish after SIGTERM; new ones are rejected with 503 meanwhile. */
        @WithDefault("10s")
        Duration gracePeriod();
    }

    interface Defaults {

        /** Timeout of one attempt, covering connect, headers and body. */
        @WithDefault("2s")
        Duration timeout();

        Retry retry();

        /** Limits retries to an upstream across all requests; shared by every source of the upstream. */
        RetryBudget retryBudget();

        CircuitBreaker circuitBreaker();

        /** Concurrency limit per upstream; off unless {@code limit} is set. */
        BulkheadOverride bulkhead();

        /** Calls per time window per upstream; off unless {@code limit} is set. */
        RateLimitOverride rateLimit();

        /** Largest upstream body accepted; a larger one fails with {@code response_too_large}. */
        @WithDefault("10M")
        MemorySize maxBodySize();
    }

    interface Retry {

        /** Retries after the first attempt; 3 means at most 4 requests. */
        @WithDefault("3")
        int maxRetries();

        /** Backoff before the first retry. */
        @WithDefault("100ms")
        Duration delay();

        /** Growth of the backoff from one retry to the next. */
        @WithDefault("2")
        double factor();

        /** Cap of any delay, from the backoff or from {@code Retry-After}. */
        @WithDefault("2s")
        Duration maxDelay();

        /** {@code full}, {@code equal} or {@code none}. */
        @WithDefault("full")
        String jitter();

        /** Upstream statuses that are retried; other statuses fail the source at once. */
        @WithDefault("408,429,500,502,503,504")
        List<Integer> onStatus();
    }

    interface RetryBudget {

        /** Tokens in the bucket; retries stop while half or fewer are left. 0 switches the budget off. */
        @WithDefault("10")
        double maxTokens();

        /**
         * Tokens a successful attempt adds back; each transient failure takes one. With 1 and 10 tokens, retries pause
         * once failures outnumber successes by 5.
         */
        @WithDefault("1")
        double tokenRatio();
    }

    interface CircuitBreaker {

        /** Calls in the rolling window the breaker judges. */
        @WithDefault("20")
        int requestVolumeThreshold();

        /** Share of failed calls in the window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** Time the breaker stays open before it lets trial calls through. */
        @WithDefault("5s")
        Duration delay();
    }

    interface AggregateConfig {

        /** Deadline of one request to this aggregate. */
        @WithDefault("5s")
        Duration timeout();

        /** Sources by name, each a member of {@code data} and {@code sources} in the response. */
        Map<String, SourceConfig> sources();
    }

    interface SourceConfig {

        /** Upstream URL template; unset only for sources that Java code declares. */
        Optional<String> url();

        /** Whether this source's failure fails the aggregate. */
        @WithDefault("true")
        boolean required();

        /** Headers sent to the upstream with every attempt. */
        Map<String, String> headers();

        /** Incoming request headers copied to the upstream when present. */
        Optional<List<String>> forwardHeaders();

        Optional<Duration> timeout();

        RetryOverride retry();

        RetryBudgetOverride retryBudget();

        CircuitBreakerOverride circuitBreaker();

        BulkheadOverride bulkhead();

        RateLimitOverride rateLimit();

        Optional<MemorySize> maxBodySize();
    }

    interface RetryOverride {
        OptionalInt maxRetries();

        Optional<Duration> delay();

        OptionalDouble factor();

        Optional<Duration> maxDelay();

        Optional<String> jitter();

        Optional<List<Integer>> onStatus();
    }

    interface RetryBudgetOverride {
        OptionalDouble maxTokens();

        OptionalDouble tokenRatio();
    }

    interface CircuitBreakerOverride {
        OptionalInt requestVolumeThreshold();

        OptionalDouble failureRatio();

        Optional<Duration> delay();
    }

    interface BulkheadOverride {

        /** Concurrent calls allowed. */
        OptionalInt limit();

        /** Calls that may wait for a free slot, at least 1 (1 when unset); more fail with {@code bulkhead_full}. */
        OptionalInt queueSize();
    }

    interface RateLimitOverride {

        /** Calls allowed per window. */
        OptionalInt limit();

        /** Length of the window; 1 second when unset. */
        Optional<Duration> window();
    }

    interface Http {

        /** Pooled connections per upstream origin. */
        @WithDefault("50")
        int maxConnectionsPerUpstream();

        /** Timeout of opening a connection; the attempt timeout applies as well. */
        @WithDefault("5s")
        Duration connectTimeout();
    }

    interface Demo {

        /** Serves the demo upstream under {@code /demo}. */
        @WithDefault("true")
        boolean enabled();

        /** Probability that a demo endpoint fails the first attempt of a request with 503. */
        @WithDefault("0.5")
        double failureRatio();

        /** Most latency the demo adds to a response; each response waits a random time up to this. */
        @WithDefault("50ms")
        Duration latency();
    }
}
