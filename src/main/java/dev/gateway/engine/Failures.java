package dev.gateway.engine;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.smallrye.faulttolerance.api.RateLimitException;

/**
 * Turns whatever a source failed with into a {@link SourceFailure} with an {@link ErrorKind} and a one-line message.
 */
public final class Failures {

    private Failures() {
    }

    public static SourceFailure classify(Throwable error, SourceCall call) {
        SourceFailure failure = classifyCause(error, call);
        SourceFailure retrySkip = call.retrySkip();
        if (retrySkip != null && !(error instanceof SourceStoppedException)) {
            return retrySkip;
        }
        return failure;
    }

    private static SourceFailure classifyCause(Throwable error, SourceCall call) {
        if (error instanceof SourceFailure failure) {
            return failure;
        }
        if (error instanceof SourceStoppedException) {
            return SourceFailure.of(ErrorKind.CANCELLED, "stopped before the upstream call completed");
        }
        if (error instanceof CircuitBreakerOpenException) {
            return SourceFailure.of(ErrorKind.CIRCUIT_OPEN,
                    "circuit breaker of '" + call.source() + "' is open; no request was sent");
        }
        if (error instanceof BulkheadException) {
            return SourceFailure.of(ErrorKind.BULKHEAD_FULL,
                    "bulkhead of '" + call.source() + "' is full; no request was sent");
        }
        if (error instanceof RateLimitException) {
            return SourceFailure.of(ErrorKind.RATE_LIMITED,
                    "rate limit of '" + call.source() + "' exceeded; no request was sent");
        }
        if (error instanceof TimeoutException) {
            return SourceFailure.of(ErrorKind.TIMEOUT, "upstream did not respond within the attempt timeout");
        }
        Throwable connectCause = findConnectCause(error);
        if (connectCause != null) {
            return SourceFailure.of(ErrorKind.CONNECT_ERROR, "connection failed: " + describe(connectCause));
        }
        return SourceFailure.of(ErrorKind.CONNECT_ERROR, "upstream call failed: " + describe(error));
    }

    static Throwable findConnectCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException || cause instanceof ClosedChannelException
                    || cause.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")
                    || cause.getClass().getName().equals("io.vertx.core.VertxException")) {
                return cause;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
