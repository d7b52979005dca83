package dev.gateway.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.gateway.config.AggregateRegistry;
import dev.gateway.engine.AggregateDefinition;
import dev.gateway.engine.Source;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The circuit breaker state of every source: as the gauge {@code gateway_circuit_breaker_state} (1 for the current
 * state, 0 for the others) and as the list of required sources whose breaker is open, for readiness.
 */
@ApplicationScoped
public class CircuitBreakerStates {

    static final String STATE = "gateway.circuit.breaker.state";

    /** A required source whose circuit breaker is open. */
    public record OpenSource(String aggregate, String source, String upstream) {
    }

    private final AggregateRegistry aggregates;
    private final CircuitBreakerMaintenance maintenance;

    public CircuitBreakerStates(AggregateRegistry aggregates, CircuitBreakerMaintenance maintenance) {
        this.aggregates = aggregates;
        this.maintenance = maintenance;
    }

    void registerGauges(@Observes StartupEvent startup, MeterRegistry registry) {
        for (AggregateDefinition aggregate : aggregates.definitions()) {
            for (Source source : aggregate.sources()) {
                String breaker = source.circuitBreakerName();
                for (CircuitBreakerState state : CircuitBreakerState.values()) {
                    Gauge.builder(STATE, () -> maintenance.currentState(breaker) == state ? 1 : 0)
                            .description("State of the circuit breaker of a source's upstream: 1 for the current"
                                    + " state, 0 for the others")
                            .tag("aggregate", aggregate.name()).tag("source", source.name())
                            .tag("state", state.name().toLowerCase(Locale.ROOT))
                            .register(registry);
                }
            }
        }
    }

    public List<OpenSource> openRequiredSources() {
        List<OpenSource> open = new ArrayList<>();
        for (AggregateDefinition aggregate : aggregates.definitions()) {
            for (Source source : aggregate.sources()) {
                boolean breakerOpen = maintenance.currentState(source.circuitBreakerName()) == CircuitBreakerState.OPEN;
                if (source.required() && breakerOpen) {
                    open.add(new OpenSource(aggregate.name(), source.name(), source.upstream()));
                }
            }
        }
        return open;
    }
}
