package dev.gateway.engine;

import java.time.Duration;
import java.util.List;

/**
 * An aggregate served at {@code /aggregates/{name}}: its sources, in response order, and the deadline of one request.
 */
public record AggregateDefinition(String name, Duration deadline, List<Source> sources) {

    public AggregateDefinition {
        sources = List.copyOf(sources);
    }
}
