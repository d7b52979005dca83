package dev.gateway.engine;

import io.smallrye.mutiny.Uni;

/**
 * One named part of an aggregate: an upstream call together with its retries.
 * <p>
 * {@link #fetch} emits the upstream status and body or fails with a
 * {@link SourceFailure}. It counts every request it sends on the given {@link SourceCall}, and stops sending once the
 * call is stopped.
 */
public interface Source {

    String name();

    boolean required();

    /** Describes the upstream this source calls, such as its URL, for the start-up log. */
    String upstream();

    /** The name of the circuit breaker guarding this source's upstream, as registered with SmallRye Fault Tolerance. */
    String circuitBreakerName();

    /** Checks the request parameters this source needs, before any source of the aggregate is called. */
    void validate(AggregateRequest request);

    Uni<SourceData> fetch(SourceCall call);
}
