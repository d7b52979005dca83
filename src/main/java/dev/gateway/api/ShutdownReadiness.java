package dev.gateway.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is down once shutdown has begun, so that load balancers stop sending requests during the grace period.
 */
@Readiness
@ApplicationScoped
public class ShutdownReadiness implements HealthCheck {

    private final ShutdownDrain drain;

    public ShutdownReadiness(ShutdownDrain drain) {
        this.drain = drain;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("shutdown").status(!drain.draining()).withData("inFlight", drain.inFlight())
                .build();
    }
}
