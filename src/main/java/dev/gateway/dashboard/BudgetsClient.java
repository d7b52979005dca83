package dev.gateway.dashboard;

import java.io.IOException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import dev.gateway.engine.SourceCall;
import dev.gateway.engine.SourceStoppedException;
import io.quarkus.rest.client.reactive.NotBody;
import io.smallrye.faulttolerance.api.BeforeRetry;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;

/**
 * The budgets upstream of the dashboard: {@code GET {base}/users/{userId}/budgets}, with {@code {base}} from
 * {@code quarkus.rest-client.budgets.url}.
 */
@RegisterRestClient(configKey = "budgets")
@RegisterProvider(UpstreamStatusMapper.class)
@RegisterProvider(AttemptResponseFilter.class)
@Path("/users/{userId}")
public interface BudgetsClient {

    @GET
    @Path("/budgets")
    @ClientHeaderParam(name = "X-Gateway-Attempt", value = "{dev.gateway.dashboard.AttemptHeaders.attempt}")
    @ClientHeaderParam(name = "X-Request-Id", value = "{dev.gateway.dashboard.AttemptHeaders.requestId}")
    @ClientHeaderParam(name = "X-Request-Timeout-Ms", value = "{dev.gateway.dashboard.AttemptHeaders.timeoutMillis}")
    @Retry(maxRetries = DashboardPolicy.MAX_RETRIES, delay = DashboardPolicy.DELAY_MILLIS,
            jitter = DashboardPolicy.JITTER_MILLIS, maxDuration = DashboardPolicy.MAX_DURATION_MILLIS,
            retryOn = { UpstreamStatusException.Retryable.class, TimeoutException.class, IOException.class,
                    ProcessingException.class, VertxException.class },
            abortOn = SourceStoppedException.class)
    @ExponentialBackoff(factor = DashboardPolicy.FACTOR, maxDelay = DashboardPolicy.MAX_DELAY_MILLIS)
    @BeforeRetry(RetryObserver.class)
    @Timeout(DashboardPolicy.TIMEOUT_MILLIS)
    @CircuitBreakerName("budgets")
    @CircuitBreaker(requestVolumeThreshold = DashboardPolicy.REQUEST_VOLUME_THRESHOLD,
            failureRatio = DashboardPolicy.FAILURE_RATIO, delay = DashboardPolicy.BREAKER_DELAY_MILLIS,
            skipOn = { UpstreamStatusException.Final.class, SourceStoppedException.class })
    Uni<Response> budgets(@PathParam("userId") String userId, @NotBody SourceCall call);
}
