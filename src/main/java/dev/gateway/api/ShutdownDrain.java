package dev.gateway.api;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;

/**
 * Graceful shutdown: on SIGTERM, aggregate requests in flight get {@code gateway.shutdown.grace-period} to finish,
 * while new ones are rejected with 503 and {@code Retry-After}, and {@link ShutdownReadiness} reports down.
 * <p>
 * Quarkus fires {@link ShutdownDelayInitiatedEvent} on its shutdown thread before it stops the HTTP server
 * ({@code quarkus.shutdown.delay-enabled=true}); this observer blocks that thread until the requests in flight are
 * done or the grace period ends. The demo upstream keeps serving meanwhile, because in-flight dashboards call it.
 */
@ApplicationScoped
public class ShutdownDrain {

    private final Duration gracePeriod;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long drainDeadlineNanos;
    private volatile boolean draining;

    public ShutdownDrain(GatewayConfig config) {
        this.gracePeriod = config.shutdown().gracePeriod();
    }

    void drain(@Observes ShutdownDelayInitiatedEvent event) {
        drainDeadlineNanos = System.nanoTime() + gracePeriod.toNanos();
        draining = true;
        Log.infof("shutting down: %d aggregate request(s) in flight, waiting up to %d ms", inFlight.get(),
                gracePeriod.toMillis());
        while (inFlight.get() > 0 && System.nanoTime() < drainDeadlineNanos) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) {
            Log.warnf("shutting down with %d aggregate request(s) still in flight after the grace period",
                    inFlight.get());
        } else {
            Log.info("shutting down: no aggregate request in flight");
        }
    }

    public boolean draining() {
        return draining;
    }

    /** Whole seconds left of the grace period, at least 1, for the {@code Retry-After} of a rejected request. */
    public long retryAfterSeconds() {
        long leftNanos = drainDeadlineNanos - System.nanoTime();
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(leftNanos + TimeUnit.SECONDS.toNanos(1) - 1));
    }

    public void started() {
        inFlight.incrementAndGet();
    }

    public void finished() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }
}
