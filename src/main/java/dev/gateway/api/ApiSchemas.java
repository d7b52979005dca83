package dev.gateway.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The response documents as OpenAPI schemas. {@link EnvelopeWriter} builds the real bodies as JSON trees; these
 * records only describe them in {@code /q/openapi}.
 */
final class ApiSchemas {

    private ApiSchemas() {
    }

    @Schema(name = "Envelope", description = "The response of an aggregate whose required sources all succeeded")
    record Envelope(
            @Schema(description = "Each source's upstream body as it came, or null for a failed source or an empty"
                    + " body", type = SchemaType.OBJECT, additionalProperties = Schema.True.class) Map<String, Object> data,
            @Schema(description = "Every failed source; those that failed on their own come first") List<SourceError> errors,
            @Schema(description = "One entry per source") Map<String, SourceEntry> sources) {
    }

    @Schema(name = "SourceError", description = "Why one source failed")
    record SourceError(
            @Schema(description = "Source name", example = "accounts") String source,
            @Schema(description = "Failure kind", enumeration = { "connect_error", "timeout", "upstream_status",
                    "invalid_response", "response_too_large", "circuit_open", "bulkhead_full", "rate_limited",
                    "cancelled", "deadline_exceeded" }) String kind,
            @Schema(description = "Last upstream HTTP status, or null", nullable = true, example = "503") Integer status,
            @Schema(description = "Requests the upstream received for this source", example = "4") int attempts,
            @Schema(description = "What went wrong, in one line", example = "upstream returned HTTP 503") String message) {
    }

    @Schema(name = "SourceEntry", description = "The outcome of one source")
    record SourceEntry(
            @Schema(enumeration = { "ok", "failed" }) String outcome,
            boolean required,
            @Schema(nullable = true, example = "200") Integer status,
            @Schema(description = "Failure kind, present when the outcome is failed", nullable = true) String kind,
            @Schema(description = "Requests the upstream received for this source", example = "2") int attempts,
            @Schema(description = "Milliseconds from the request to this source's result") long elapsedMs,
            @Schema(description = "Waits between attempts of configured sources") List<Delay> delays) {
    }

    @Schema(name = "Delay", description = "One wait between two attempts")
    record Delay(
            long ms,
            @Schema(enumeration = { "backoff", "retry-after" }) String basis) {
    }

    @Schema(name = "Problem", description = "RFC 9457 problem details; for a failed aggregate it also carries data,"
            + " errors and sources")
    record Problem(
            @Schema(example = "/problems/sources-failed") String type,
            @Schema(example = "Required sources failed") String title,
            @Schema(example = "502") int status,
            @Schema(example = "Required sources of aggregate 'dashboard' failed: accounts") String detail,
            @Schema(description = "The request id, also in the X-Request-Id header") String requestId,
            @Schema(description = "The invalid request parameter (400 only)", nullable = true) String parameter,
            @Schema(description = "Its rejected value (400 only)", nullable = true) String value,
            @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class, nullable = true) Map<String, Object> data,
            @Schema(nullable = true) List<SourceError> errors,
            @Schema(nullable = true) Map<String, SourceEntry> sources) {
    }
}
