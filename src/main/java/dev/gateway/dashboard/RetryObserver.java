package dev.gateway.dashboard;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;

import dev.gateway.engine.Failures;
import dev.gateway.engine.SourceCall;
import dev.gateway.engine.SourceFailure;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.BeforeRetryHandler;

/**
 * Records a dashboard client's failed attempt and its retry, which fault tolerance reports only here, just before the
 * next attempt starts and after the backoff delay.
 */
@Dependent
public class RetryObserver implements BeforeRetryHandler {

    @Override
    public void handle(ExecutionContext context) {
        for (Object parameter : context.getParameters()) {
            if (parameter instanceof SourceCall call) {
                Throwable error = context.getFailure();
                SourceFailure failure = error instanceof UpstreamStatusException
                        ? RestClientSource.statusFailure(error)
                        : Failures.classify(error, call);
                // NOTE: the attempt ends here after the backoff delay, so its recorded duration includes that delay.
                call.endAttempt(failure.kind().wireName());
                call.observer().retryScheduled(call, -1);
                Log.debugf("source %s attempt %d failed: %s; retrying [request %s]", call.source(), call.attempts(),
                        failure.getMessage(), call.request().requestId());
            }
        }
    }
}
