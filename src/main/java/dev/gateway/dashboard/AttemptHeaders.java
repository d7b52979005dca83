package dev.gateway.dashboard;

import dev.gateway.engine.SourceCall;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.ComputedParamContext;

/**
 * Header values of dashboard client calls, computed from the {@link SourceCall} argument.
 * <p>
 * Fault tolerance invokes the client method once per attempt, and the client computes these headers on each
 * invocation, so {@link #attempt} is where an attempt is counted. Once the engine has stopped the call, it throws
 * {@code SourceStoppedException} instead, which no retry policy retries, so no request leaves after the deadline.
 */
public final class AttemptHeaders {

    private AttemptHeaders() {
    }

    public static String attempt(ComputedParamContext context) {
        SourceCall call = callOf(context);
        int attempt = call.startAttempt();
        Log.debugf("source %s attempt %d sent [request %s]", call.source(), attempt, call.request().requestId());
        return Integer.toString(attempt);
    }

    public static String requestId(ComputedParamContext context) {
        return callOf(context).request().requestId();
    }

    public static String timeoutMillis(ComputedParamContext context) {
        return Long.toString(callOf(context).remainingMillis());
    }

    private static SourceCall callOf(ComputedParamContext context) {
        for (ComputedParamContext.MethodParameter parameter : context.methodParameters()) {
            if (parameter.value() instanceof SourceCall call) {
                return call;
            }
        }
        throw new IllegalStateException("dashboard client method has no SourceCall argument");
    }
}
