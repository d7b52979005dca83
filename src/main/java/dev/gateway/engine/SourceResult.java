package dev.gateway.engine;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcome of one source within one aggregate request.
 * <p>
 * A success has {@code data} (possibly null for an empty body) and no {@code kind}; a failure has a {@code kind} and a
 * one-line {@code message}. {@code status} is the last upstream HTTP status seen, or null.
 */
public record SourceResult(String source, boolean required, JsonNode data, ErrorKind kind, Integer status,
        String message, int attempts, long elapsedMillis, List<SourceCall.Delay> delays) {

    public boolean ok() {
        return kind == null;
    }
}
