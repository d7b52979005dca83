package dev.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.gateway.upstream.Jitter;
import dev.gateway.upstream.RetryPolicy;
import dev.gateway.upstream.SourcePolicy;

/**
 * Resolves a configured source's policy from the defaults and its overrides, and checks every value.
 * <p>
 * Each problem is added as {@code <full config key>: <what is wrong and how to fix it>}, so that start-up can report
 * all of them at once.
 */
final class SourcePolicies {

    static final String DEFAULTS = "gateway.defaults";

    private SourcePolicies() {
    }

    /** Checks the defaults on their own, so that a bad default is reported once under its own key. */
    static void checkDefaults(GatewayConfig.Defaults defaults, List<String> problems) {
        resolve(DEFAULTS, defaults, null, problems);
    }

    static SourcePolicy resolve(String key, GatewayConfig.Defaults defaults, GatewayConfig.SourceConfig source,
            List<String> problems) {
        Duration timeout = source == null ? defaults.timeout() : source.timeout().orElse(defaults.timeout());
        positive(source != null && source.timeout().isPresent() ? key + ".timeout" : DEFAULTS + ".timeout", timeout,
                problems);

        RetryPolicy retry = retry(key, defaults.retry(), source == null ? null : source.retry(), problems);
        SourcePolicy.RetryBudgetPolicy retryBudget = retryBudget(key, defaults.retryBudget(),
                source == null ? null : source.retryBudget(), problems);
        SourcePolicy.CircuitBreakerPolicy breaker = circuitBreaker(key, defaults.circuitBreaker(),
                source == null ? null : source.circuitBreaker(), problems);
        Optional<SourcePolicy.BulkheadPolicy> bulkhead = bulkhead(key, defaults.bulkhead(),
                source == null ? null : source.bulkhead(), problems);
        Optional<SourcePolicy.RateLimitPolicy> rateLimit = rateLimit(key, defaults.rateLimit(),
                source == null ? null : source.rateLimit(), problems);

        long maxBodyBytes = source != null && source.maxBodySize().isPresent()
                ? source.maxBodySize().get().asLongValue()
                : defaults.maxBodySize().asLongValue();
        if (maxBodyBytes <= 0) {
            problems.add(key + ".max-body-size: " + maxBodyBytes + " is not positive; set a size such as 10M");
        }
        return new SourcePolicy(timeout, retry, retryBudget, breaker, bulkhead, rateLimit, maxBodyBytes);
    }

    private static RetryPolicy retry(String key, GatewayConfig.Retry defaults, GatewayConfig.RetryOverride source,
            List<String> problems) {
        String prefix = (source == null ? DEFAULTS : key) + ".retry.";
        int maxRetries = source != null && source.maxRetries().isPresent() ? source.maxRetries().getAsInt()
                : defaults.maxRetries();
        Duration delay = source != null ? source.delay().orElse(defaults.delay()) : defaults.delay();
        double factor = source != null && source.factor().isPresent() ? source.factor().getAsDouble()
                : defaults.factor();
        Duration maxDelay = source != null ? source.maxDelay().orElse(defaults.maxDelay()) : defaults.maxDelay();
        String jitterName = source != null ? source.jitter().orElse(defaults.jitter()) : defaults.jitter();
        List<Integer> onStatus = source != null ? source.onStatus().orElse(defaults.onStatus()) : defaults.onStatus();

        if (maxRetries < 0) {
            problems.add(prefix + "max-retries: " + maxRetries + " is negative; set 0 for no retry, or more");
        }
        if (maxRetries > 100) {
            problems.add(prefix + "max-retries: " + maxRetries + " is more than 100; retries beyond a few only add"
                    + " load to a failing upstream");
        }
        if (delay.isNegative()) {
            problems.add(prefix + "delay: " + format(delay) + " is negative; set 0ms or more");
        }
        if (factor < 1 || Double.isNaN(factor) || Double.isInfinite(factor)) {
            problems.add(prefix + "factor: " + factor + " must be a number of at least 1");
        }
        if (maxDelay.compareTo(delay) < 0) {
            problems.add(prefix + "max-delay: " + format(maxDelay) + " is below delay " + format(delay)
                    + "; set max-delay to at least delay");
        }
        Optional<Jitter> jitter = Jitter.parse(jitterName);
        if (jitter.isEmpty()) {
            problems.add(prefix + "jitter: '" + jitterName + "' is not a jitter mode; use full, equal or none");
        }
        Set<Integer> statuses = new TreeSet<>(onStatus);
        for (int status : statuses) {
            if (status < 100 || status > 599) {
                problems.add(prefix + "on-status: " + status + " is not an HTTP status; use values from 100 to 599");
            }
        }
        return new RetryPolicy(maxRetries, delay, factor, maxDelay, jitter.orElse(Jitter.FULL), statuses);
    }

    private static SourcePolicy.RetryBudgetPolicy retryBudget(String key, GatewayConfig.RetryBudget defaults,
            GatewayConfig.RetryBudgetOverride source, List<String> problems) {
        String prefix = (source == null ? DEFAULTS : key) + ".retry-budget.";
        double maxTokens = source != null && source.maxTokens().isPresent() ? source.maxTokens().getAsDouble()
                : defaults.maxTokens();
        double tokenRatio = source != null && source.tokenRatio().isPresent() ? source.tokenRatio().getAsDouble()
                : defaults.tokenRatio();
        if (!(maxTokens >= 0 && maxTokens <= 1000)) {
            problems.add(prefix + "max-tokens: " + maxTokens + " must be from 0 (off) to 1000");
        }
        if (!(tokenRatio > 0 && tokenRatio <= 1)) {
            problems.add(prefix + "token-ratio: " + tokenRatio + " must be above 0 and at most 1");
        }
        return new SourcePolicy.RetryBudgetPolicy(maxTokens, tokenRatio);
    }

    private static SourcePolicy.CircuitBreakerPolicy circuitBreaker(String key, GatewayConfig.CircuitBreaker defaults,
            GatewayConfig.CircuitBreakerOverride source, List<String> problems) {
        String prefix = (source == null ? DEFAULTS : key) + ".circuit-breaker.";
        int volume = source != null && source.requestVolumeThreshold().isPresent()
                ? source.requestVolumeThreshold().getAsInt()
                : defaults.requestVolumeThreshold();
        double ratio = source != null && source.failureRatio().isPresent() ? source.failureRatio().getAsDouble()
                : defaults.failureRatio();
        Duration delay = source != null ? source.delay().orElse(defaults.delay()) : defaults.delay();
        if (volume < 1) {
            problems.add(prefix + "request-volume-threshold: " + volume + " must be at least 1");
        }
        if (!(ratio > 0 && ratio <= 1)) {
            problems.add(prefix + "failure-ratio: " + ratio + " must be above 0 and at most 1");
        }
        if (delay.isNegative()) {
            problems.add(prefix + "delay: " + format(delay) + " is negative; set 0ms or more");
        }
        return new SourcePolicy.CircuitBreakerPolicy(volume, ratio, delay);
    }

    private static Optional<SourcePolicy.BulkheadPolicy> bulkhead(String key, GatewayConfig.BulkheadOverride defaults,
            GatewayConfig.BulkheadOverride source, List<String> problems) {
        String prefix = (source != null && source.limit().isPresent() ? key : DEFAULTS) + ".bulkhead.";
        var limit = source != null && source.limit().isPresent() ? source.limit() : defaults.limit();
        var queue = source != null && source.queueSize().isPresent() ? source.queueSize() : defaults.queueSize();
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        if (limit.getAsInt() < 1) {
            problems.add(prefix + "limit: " + limit.getAsInt() + " must be at least 1");
        }
        int queueSize = queue.orElse(1);
        if (queueSize < 1) {
            problems.add(prefix + "queue-size: " + queueSize + " must be at least 1, because upstream calls are"
                    + " asynchronous and SmallRye Fault Tolerance needs a queue for them");
        }
        return Optional.of(new SourcePolicy.BulkheadPolicy(limit.getAsInt(), queueSize));
    }

    private static Optional<SourcePolicy.RateLimitPolicy> rateLimit(String key, GatewayConfig.RateLimitOverride defaults,
            GatewayConfig.RateLimitOverride source, List<String> problems) {
        String prefix = (source != null && source.limit().isPresent() ? key : DEFAULTS) + ".rate-limit.";
        var limit = source != null && source.limit().isPresent() ? source.limit() : defaults.limit();
        Duration window = source != null && source.window().isPresent() ? source.window().get()
                : defaults.window().orElse(Duration.ofSeconds(1));
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        if (limit.getAsInt() < 1) {
            problems.add(prefix + "limit: " + limit.getAsInt() + " must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            problems.add(prefix + "window: " + format(window) + " must be positive");
        }
        return Optional.of(new SourcePolicy.RateLimitPolicy(limit.getAsInt(), window));
    }

    private static void positive(String key, Duration value, List<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add(key + ": " + format(value) + " must be positive, such as 2s");
        }
    }

    /** Formats a duration the way it is written in configuration, such as {@code 100ms}. */
    static String format(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
