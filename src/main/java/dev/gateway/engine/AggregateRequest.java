package dev.gateway.engine;

import java.util.Map;

import io.opentelemetry.context.Context;

/**
 * The parts of one incoming request that its sources use: the first value of each query parameter, the request headers (names in
 * lower case), the request id, and the trace context that attempt spans become children of.
 */
public record AggregateRequest(Map<String, String> parameters, Map<String, String> headers, String requestId,
        Context traceContext) {

    public AggregateRequest {
        parameters = Map.copyOf(parameters);
        headers = Map.copyOf(headers);
    }

    public AggregateRequest(Map<String, String> parameters, Map<String, String> headers, String requestId) {
        this(parameters, headers, requestId, Context.root());
    }

    /**
     * Returns the parameter a source puts into an upstream URL, or throws {@link InvalidParameterException} when it is
     * missing, blank, or would be a {@code .} or {@code ..} path segment.
     */
    public String pathParameter(String name) {
        String value = queryParameter(name);
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidParameterException(name, value,
                    "'" + value + "' is not allowed because it would change the upstream path; use an identifier");
        }
        return value;
    }

    /** Returns the parameter, or throws {@link InvalidParameterException} when it is missing or blank. */
    public String queryParameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new InvalidParameterException(name, null, "query parameter '" + name + "' is required");
        }
        if (value.isBlank()) {
            throw new InvalidParameterException(name, value, "query parameter '" + name + "' must not be blank");
        }
        return value;
    }
}
