package dev.gateway.api;

import java.util.Comparator;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gateway.engine.AggregateResult;
import dev.gateway.engine.ErrorKind;
import dev.gateway.engine.SourceCall;
import dev.gateway.engine.SourceResult;

/**
 * Writes the response body of an aggregate: {@code data}, {@code errors} and {@code sources}, and for a failed
 * aggregate the RFC 9457 problem members around them.
 * <p>
 * The body is built as a Jackson tree, so no reflection is involved and the native executable needs no registration.
 */
@ApplicationScoped
public class EnvelopeWriter {

    private final ObjectMapper mapper;

    public EnvelopeWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode envelope(AggregateResult aggregate) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode data = root.putObject("data");
        ArrayNode errors = root.putArray("errors");
        ObjectNode sources = root.putObject("sources");
        for (SourceResult result : aggregate.results()) {
            data.set(result.source(), result.data());
            sources.set(result.source(), sourceEntry(result));
        }
        // Causes first: a source cancelled because a sibling failed is listed after every source that failed itself.
        aggregate.results().stream()
                .filter(result -> !result.ok())
                .sorted(Comparator.comparing(result -> result.kind() == ErrorKind.CANCELLED))
                .forEach(result -> errors.add(error(result)));
        return root;
    }

    /** Builds the problem document of an aggregate whose required sources failed, with the envelope members in it. */
    public ObjectNode problem(AggregateResult aggregate, String requestId) {
        int status = aggregate.httpStatus();
        String failed = String.join(", ", aggregate.failedRequired().stream().map(SourceResult::source).toList());
        ObjectNode problem = Problems.create(mapper, status == 504 ? Problems.SOURCES_TIMED_OUT : Problems.SOURCES_FAILED,
                status, "Required sources of aggregate '" + aggregate.aggregate() + "' failed: " + failed, requestId);
        problem.setAll(envelope(aggregate));
        return problem;
    }

    private ObjectNode error(SourceResult result) {
        ObjectNode error = mapper.createObjectNode();
        error.put("source", result.source());
        error.put("kind", result.kind().wireName());
        error.put("status", result.status());
        error.put("attempts", result.attempts());
        error.put("message", result.message());
        return error;
    }

    private ObjectNode sourceEntry(SourceResult result) {
        ObjectNode entry = mapper.createObjectNode();
        entry.put("outcome", result.ok() ? "ok" : "failed");
        entry.put("required", result.required());
        entry.put("status", result.status());
        if (!result.ok()) {
            entry.put("kind", result.kind().wireName());
        }
        entry.put("attempts", result.attempts());
        entry.put("elapsedMs", result.elapsedMillis());
        if (!result.delays().isEmpty()) {
            ArrayNode delays = entry.putArray("delays");
            for (SourceCall.Delay delay : result.delays()) {
                ObjectNode item = delays.addObject();
                item.put("ms", delay.millis());
                item.put("basis", delay.basis() == SourceCall.DelayBasis.RETRY_AFTER ? "retry-after" : "backoff");
            }
        }
        return entry;
    }
}
