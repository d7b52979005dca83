package dev.gateway.upstream;

import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.util.TypeLiteral;

import dev.gateway.engine.SourceData;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * Builds the guards of configured sources.
 * <p>
 * Stateful strategies belong to the upstream, identified by its origin (scheme, host and port): every source that
 * calls one origin, in any aggregate, shares its circuit breaker, retry budget, bulkhead and rate limit, so they must
 * configure them alike. Retry is stateless and belongs to each source, so two sources of one upstream may retry
 * differently.
 * <p>
 * The per-attempt timeout runs inside the shared guard, on the attempt itself ({@code HttpSource}), rather than as a
 * guard strategy: a timeout strategy in the per-source guard would sit outside the shared breaker, which would then
 * see a cancelled call instead of a failure and never open for an upstream that hangs.
 */
public final class UpstreamGuards {

    private static final TypeLiteral<Uni<SourceData>> SOURCE_DATA = new TypeLiteral<>() {
    };

    /** The shared guard and retry budget of one origin, with the source that defined them first. */
    record Upstream(String definedBy, SourcePolicy policy, TypedGuard<Uni<SourceData>> guard,
            RetryBudget retryBudget) {
    }

    private final Map<URI, Upstream> upstreams = new HashMap<>();

    /**
     * Returns the shared guard and retry budget of {@code origin}, building them from {@code policy} the first time.
     * A policy whose stateful parts differ from the one already built for the origin adds a problem and returns null.
     */
    Upstream upstream(URI origin, String sourceKey, SourcePolicy policy, List<String> problems) {
        Upstream existing = upstreams.get(origin);
        if (existing == null) {
            SourcePolicy.RetryBudgetPolicy budget = policy.retryBudget();
            existing = new Upstream(sourceKey, policy, buildUpstreamGuard(origin, policy),
                    new RetryBudget(budget.maxTokens(), budget.tokenRatio()));
            upstreams.put(origin, existing);
            return existing;
        }
        SourcePolicy first = existing.policy();
        if (!first.circuitBreaker().equals(policy.circuitBreaker()) || !first.bulkhead().equals(policy.bulkhead())
                || !first.rateLimit().equals(policy.rateLimit()) || !first.retryBudget().equals(policy.retryBudget())) {
            problems.add(sourceKey + " calls " + origin + " like " + existing.definedBy() + " but sets a different"
                    + " circuit-breaker, bulkhead, rate-limit or retry-budget; these belong to the upstream, so set"
                    + " them alike");
            return null;
        }
        return existing;
    }

    /** Returns the name under which SmallRye Fault Tolerance's maintenance API finds an origin's breaker. */
    public static String circuitBreakerName(URI origin) {
        return "upstream " + origin;
    }

    private static TypedGuard<Uni<SourceData>> buildUpstreamGuard(URI origin, SourcePolicy policy) {
        SourcePolicy.CircuitBreakerPolicy breaker = policy.circuitBreaker();
        TypedGuard.Builder<Uni<SourceData>> builder = TypedGuard.create(SOURCE_DATA)
                .withDescription("upstream " + origin)
                .withCircuitBreaker()
                .name(circuitBreakerName(origin))
                .requestVolumeThreshold(breaker.requestVolumeThreshold())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .when(UpstreamGuards::countsAsFailure)
                .done();
        policy.bulkhead().ifPresent(bulkhead -> builder.withBulkhead()
                .limit(bulkhead.limit())
                .queueSize(bulkhead.queueSize())
                .done());
        policy.rateLimit().ifPresent(rateLimit -> builder.withRateLimit()
                .limit(rateLimit.limit())
                .window(rateLimit.window().toMillis(), ChronoUnit.MILLIS)
                .done());
        return builder.build();
    }

    /** Only transient failures open the breaker: a 404 or an invalid body is no sign of the upstream's health. */
    private static boolean countsAsFailure(Throwable error) {
        return error instanceof AttemptFailure attempt && attempt.failure().retryable();
    }

    /** Builds the retry guard of one source; {@code description} names it in SmallRye's own log messages. */
    static TypedGuard<Uni<SourceData>> retryGuard(String description, String source, RetryPolicy retry,
            URI origin, RetryBudget budget) {
        RetryDecider decider = new RetryDecider(source, retry, Clock.systemUTC(),
                () -> ThreadLocalRandom.current().nextDouble(), origin, budget);
        return TypedGuard.create(SOURCE_DATA)
                .withDescription(description)
                .withRetry()
                .maxRetries(retry.maxRetries())
                .delay(retry.delay().toMillis(), ChronoUnit.MILLIS)
                .maxDuration(1, ChronoUnit.DAYS)
                .jitter(0, ChronoUnit.MILLIS)
                .whenException(decider::shouldRetry)
                .withCustomBackoff().strategy(RetryDecider::backoffStrategy).done()
                .done()
                .build();
    }
}
