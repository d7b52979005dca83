package dev.gateway.observe;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is down while any aggregate has a required source whose circuit breaker is open, because every request
 * to that aggregate would fail at once. The response names each such source and its upstream.
 */
@Readiness
@ApplicationScoped
public class CircuitBreakerReadiness implements HealthCheck {

    private final CircuitBreakerStates states;

    public CircuitBreakerReadiness(CircuitBreakerStates states) {
        this.states = states;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("required sources").up();
        for (CircuitBreakerStates.OpenSource open : states.openRequiredSources()) {
            response.down().withData(open.aggregate() + "." + open.source(),
                    "circuit breaker open for " + open.upstream());
        }
        return response.build();
    }
}
