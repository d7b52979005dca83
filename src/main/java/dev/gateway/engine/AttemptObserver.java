package dev.gateway.engine;

import java.util.Map;

/**
 * Receives the attempts, retries and results of sources, for metrics and tracing. The engine calls it; sources only
 * go through {@link SourceCall}.
 */
public interface AttemptObserver {

    /** An observer that records nothing. */
    AttemptObserver NONE = new AttemptObserver() {
    };

    /** Opens the observation of attempt {@code attempt} of {@code call}; the scope records its end. */
    default AttemptScope attemptStarted(SourceCall call, int attempt) {
        return AttemptScope.NONE;
    }

    /** Records that {@code call} will retry after {@code delayMillis}. */
    default void retryScheduled(SourceCall call, long delayMillis) {
    }

    /** Records the final result of one source, {@code elapsedNanos} after the aggregate request started. */
    default void sourceFinished(SourceCall call, SourceResult result, long elapsedNanos) {
    }

    /** One attempt in flight. */
    interface AttemptScope {

        AttemptScope NONE = new AttemptScope() {
        };

        /** Records the attempt's outcome: {@code ok} or the wire name of an {@link ErrorKind}. */
        default void end(String outcome) {
        }

        /** Headers that carry the attempt's trace context to the upstream, such as {@code traceparent}. */
        default Map<String, String> propagationHeaders() {
            return Map.of();
        }
    }
}
