package dev.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import dev.gateway.upstream.Jitter;
import dev.gateway.upstream.RetryPolicy;
import dev.gateway.upstream.SourcePolicy;

/**
 * Resolves a configured source's policy from the defaults and its overrides, and checks every value.
 * <p>
 * Each problem is added as {@code <full config key>: <what is wrong and how to fix it>}, under the key the value came
 * from: the source's own key when it overrides the value, the {@code gateway.defaults} key otherwise. A bad default is
 * therefore reported once, however many sources use it.
 */
final class SourcePolicies {

    static final String DEFAULTS = "gateway.defaults";

    /** Maximum duration of any timeout or delay; longer ones are mistakes and would overflow nanosecond math. */
    static final Duration MAX_DURATION = Duration.ofHours(1);
    /** Largest count a breaker window, bulkhead or rate limit may have; each is held in memory per upstream. */
    static final int MAX_COUNT = 10_000;

    /** A resolved value and the full key it came from. */
    private record Setting<T>(T value, String key) {
    }

    private SourcePolicies() {
    }

    /** Checks the defaults on their own, so that a bad default is reported even when no source uses it. */
    static void checkDefaults(GatewayConfig.Defaults defaults, List<String> problems) {
        resolve(DEFAULTS, defaults, null, problems);
    }

    static SourcePolicy resolve(String key, GatewayConfig.Defaults defaults, GatewayConfig.SourceConfig source,
            List<String> problems) {
        Setting<Duration> timeout = pick(key, "timeout", source == null ? Optional.empty() : source.timeout(),
                defaults.timeout());
        checkDuration(timeout, false, problems);

        RetryPolicy retry = retry(key, defaults.retry(), source == null ? null : source.retry(), problems);
        SourcePolicy.RetryBudgetPolicy retryBudget = retryBudget(key, defaults.retryBudget(),
                source == null ? null : source.retryBudget(), problems);
        SourcePolicy.CircuitBreakerPolicy breaker = circuitBreaker(key, defaults.circuitBreaker(),
                source == null ? null : source.circuitBreaker(), problems);
        Optional<SourcePolicy.BulkheadPolicy> bulkhead = bulkhead(key, defaults.bulkhead(),
                source == null ? null : source.bulkhead(), problems);
        Optional<SourcePolicy.RateLimitPolicy> rateLimit = rateLimit(key, defaults.rateLimit(),
                source == null ? null : source.rateLimit(), problems);

        Setting<Long> maxBodySize = pick(key, "max-body-size",
                source == null ? Optional.empty() : source.maxBodySize().map(size -> size.asLongValue()),
                defaults.maxBodySize().asLongValue());
        if (maxBodySize.value() <= 0) {
            problems.add(maxBodySize.key() + ": " + maxBodySize.value() + " is not positive; set a size such as 10M");
        }
        return new SourcePolicy(timeout.value(), retry, retryBudget, breaker, bulkhead, rateLimit,
                maxBodySize.value());
    }

    private static RetryPolicy retry(String key, GatewayConfig.Retry defaults, GatewayConfig.RetryOverride source,
            List<String> problems) {
        String prefix = key + ".retry";
        Setting<Integer> maxRetries = pick(prefix, "max-retries", source == null ? Optional.empty()
                : boxed(source.maxRetries()), defaults.maxRetries(), "retry");
        Setting<Duration> delay = pick(prefix, "delay", source == null ? Optional.empty() : source.delay(),
                defaults.delay(), "retry");
        Setting<Double> factor = pick(prefix, "factor", source == null ? Optional.empty() : boxed(source.factor()),
                defaults.factor(), "retry");
        Setting<Duration> maxDelay = pick(prefix, "max-delay", source == null ? Optional.empty() : source.maxDelay(),
                defaults.maxDelay(), "retry");
        Setting<String> jitterName = pick(prefix, "jitter", source == null ? Optional.empty() : source.jitter(),
                defaults.jitter(), "retry");
        Setting<List<Integer>> onStatus = pick(prefix, "on-status",
                source == null ? Optional.empty() : source.onStatus(), defaults.onStatus(), "retry");

        if (maxRetries.value() < 0) {
            problems.add(maxRetries.key() + ": " + maxRetries.value() + " is negative; set 0 for no retry, or more");
        }
        if (maxRetries.value() > 100) {
            problems.add(maxRetries.key() + ": " + maxRetries.value() + " is more than 100; retries beyond a few only"
                    + " add load to a failing upstream");
        }
        checkDuration(delay, true, problems);
        checkDuration(maxDelay, true, problems);
        if (factor.value() < 1 || factor.value().isNaN() || factor.value().isInfinite()) {
            problems.add(factor.key() + ": " + factor.value() + " must be a number of at least 1");
        }
        if (maxDelay.value().compareTo(delay.value()) < 0) {
            problems.add(maxDelay.key() + ": " + format(maxDelay.value()) + " is below delay "
                    + format(delay.value()) + "; set max-delay to at least delay");
        }
        Optional<Jitter> jitter = Jitter.parse(jitterName.value());
        if (jitter.isEmpty()) {
            problems.add(jitterName.key() + ": '" + jitterName.value()
                    + "' is not a jitter mode; use full, equal or none");
        }
        Set<Integer> statuses = new TreeSet<>(onStatus.value());
        for (int status : statuses) {
            if (status < 400 || status > 599) {
                problems.add(onStatus.key() + ": " + status + " is not an error status; use values from 400 to 599");
            }
        }
        return new RetryPolicy(maxRetries.value(), delay.value(), factor.value(), maxDelay.value(),
                jitter.orElse(Jitter.FULL), statuses);
    }

    private static SourcePolicy.RetryBudgetPolicy retryBudget(String key, GatewayConfig.RetryBudget defaults,
            GatewayConfig.RetryBudgetOverride source, List<String> problems) {
        String prefix = key + ".retry-budget";
        Setting<Double> maxTokens = pick(prefix, "max-tokens",
                source == null ? Optional.empty() : boxed(source.maxTokens()), defaults.maxTokens(), "retry-budget");
        Setting<Double> tokenRatio = pick(prefix, "token-ratio",
                source == null ? Optional.empty() : boxed(source.tokenRatio()), defaults.tokenRatio(), "retry-budget");
        if (!(maxTokens.value() >= 0 && maxTokens.value() <= 1000)) {
            problems.add(maxTokens.key() + ": " + maxTokens.value() + " must be from 0 (off) to 1000");
        }
        if (!(tokenRatio.value() > 0 && tokenRatio.value() <= 1)) {
            problems.add(tokenRatio.key() + ": " + tokenRatio.value() + " must be above 0 and at most 1");
        }
        return new SourcePolicy.RetryBudgetPolicy(maxTokens.value(), tokenRatio.value());
    }

    private static SourcePolicy.CircuitBreakerPolicy circuitBreaker(String key, GatewayConfig.CircuitBreaker defaults,
            GatewayConfig.CircuitBreakerOverride source, List<String> problems) {
        String prefix = key + ".circuit-breaker";
        Setting<Integer> volume = pick(prefix, "request-volume-threshold",
                source == null ? Optional.empty() : boxed(source.requestVolumeThreshold()),
                defaults.requestVolumeThreshold(), "circuit-breaker");
        Setting<Double> ratio = pick(prefix, "failure-ratio",
                source == null ? Optional.empty() : boxed(source.failureRatio()), defaults.failureRatio(),
                "circuit-breaker");
        Setting<Duration> delay = pick(prefix, "delay", source == null ? Optional.empty() : source.delay(),
                defaults.delay(), "circuit-breaker");
        checkCount(volume, problems);
        if (!(ratio.value() > 0 && ratio.value() <= 1)) {
            problems.add(ratio.key() + ": " + ratio.value() + " must be above 0 and at most 1");
        }
        checkDuration(delay, true, problems);
        return new SourcePolicy.CircuitBreakerPolicy(volume.value(), ratio.value(), delay.value());
    }

    private static Optional<SourcePolicy.BulkheadPolicy> bulkhead(String key, GatewayConfig.BulkheadOverride defaults,
            GatewayConfig.BulkheadOverride source, List<String> problems) {
        String prefix = key + ".bulkhead";
        Setting<Optional<Integer>> limit = pick(prefix, "limit",
                source == null || source.limit().isEmpty() ? Optional.empty() : Optional.of(boxed(source.limit())),
                boxed(defaults.limit()), "bulkhead");
        Setting<Optional<Integer>> queue = pick(prefix, "queue-size",
                source == null || source.queueSize().isEmpty() ? Optional.empty()
                        : Optional.of(boxed(source.queueSize())),
                boxed(defaults.queueSize()), "bulkhead");
        if (limit.value().isEmpty()) {
            if (queue.value().isPresent()) {
                problems.add(queue.key() + ": is set, but there is no bulkhead without "
                        + queue.key().replace("queue-size", "limit") + "; set the limit too, or remove the queue size");
            }
            return Optional.empty();
        }
        checkCount(new Setting<>(limit.value().get(), limit.key()), problems);
        int queueSize = queue.value().orElse(1);
        if (queueSize < 1 || queueSize > MAX_COUNT) {
            problems.add(queue.key() + ": " + queueSize + " must be from 1 to " + MAX_COUNT
                    + ", because upstream calls are asynchronous and SmallRye Fault Tolerance needs a queue for them");
        }
        return Optional.of(new SourcePolicy.BulkheadPolicy(limit.value().get(), queueSize));
    }

    private static Optional<SourcePolicy.RateLimitPolicy> rateLimit(String key, GatewayConfig.RateLimitOverride defaults,
            GatewayConfig.RateLimitOverride source, List<String> problems) {
        String prefix = key + ".rate-limit";
        Setting<Optional<Integer>> limit = pick(prefix, "limit",
                source == null || source.limit().isEmpty() ? Optional.empty() : Optional.of(boxed(source.limit())),
                boxed(defaults.limit()), "rate-limit");
        Setting<Optional<Duration>> window = pick(prefix, "window",
                source == null || source.window().isEmpty() ? Optional.empty() : Optional.of(source.window()),
                defaults.window(), "rate-limit");
        if (limit.value().isEmpty()) {
            if (window.value().isPresent()) {
                problems.add(window.key() + ": is set, but there is no rate limit without "
                        + window.key().replace("window", "limit") + "; set the limit too, or remove the window");
            }
            return Optional.empty();
        }
        checkCount(new Setting<>(limit.value().get(), limit.key()), problems);
        Setting<Duration> windowValue = new Setting<>(window.value().orElse(Duration.ofSeconds(1)), window.key());
        checkDuration(windowValue, false, problems);
        return Optional.of(new SourcePolicy.RateLimitPolicy(limit.value().get(), windowValue.value()));
    }

    /** Checks a timeout or delay: not negative (not zero either unless {@code zeroAllowed}) and at most an hour. */
    static void checkDuration(Setting<Duration> setting, boolean zeroAllowed, List<String> problems) {
        Duration value = setting.value();
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            problems.add(setting.key() + ": " + format(value) + " must be " + (zeroAllowed ? "0ms or more" : "positive")
                    + ", such as 2s");
        } else if (value.compareTo(MAX_DURATION) > 0) {
            problems.add(setting.key() + ": " + format(value) + " is more than 1h; use a shorter time");
        }
    }

    private static void checkCount(Setting<Integer> setting, List<String> problems) {
        if (setting.value() < 1 || setting.value() > MAX_COUNT) {
            problems.add(setting.key() + ": " + setting.value() + " must be from 1 to " + MAX_COUNT);
        }
    }

    /**
     * Picks the source's override when present, else the default, with the key of whichever was used. {@code group}
     * is the part of the key below {@code gateway.defaults}, such as {@code retry}, or empty for a top-level key.
     */
    private static <T> Setting<T> pick(String prefix, String name, Optional<T> override, T fallback, String group) {
        if (override.isPresent() && !prefix.startsWith(DEFAULTS)) {
            return new Setting<>(override.get(), prefix + "." + name);
        }
        return new Setting<>(fallback, DEFAULTS + "." + (group.isEmpty() ? "" : group + ".") + name);
    }

    private static <T> Setting<T> pick(String prefix, String name, Optional<T> override, T fallback) {
        return pick(prefix, name, override, fallback, "");
    }

    private static Optional<Integer> boxed(OptionalInt value) {
        return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
    }

    private static Optional<Double> boxed(OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }

    /** Formats a duration the way it is written in configuration, such as {@code 100ms}. */
    static String format(Duration duration) {
        if (duration.abs().compareTo(Duration.ofDays(365)) > 0) {
            return duration.toDays() + "d";
        }
        return duration.toMillis() + "ms";
    }
}
