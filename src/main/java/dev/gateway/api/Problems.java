package dev.gateway.api;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The RFC 9457 problem types the gateway returns, and the members every problem document has.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem type: its URI reference and its short, fixed title. */
    public record Type(String uri, String title) {
    }

    public static final Type SOURCES_FAILED = new Type("/problems/sources-failed", "Required sources failed");
    public static final Type SOURCES_TIMED_OUT = new Type("/problems/sources-timed-out",
            "Required sources timed out");
    public static final Type INVALID_PARAMETER = new Type("/problems/invalid-parameter", "Invalid request parameter");
    public static final Type SHUTTING_DOWN = new Type("/problems/shutting-down", "Gateway is shutting down");
    public static final Type INTERNAL_ERROR = new Type("/problems/internal-error", "Internal gateway error");
    public static final Type AGGREGATE_NOT_FOUND = new Type("/problems/aggregate-not-found", "Aggregate not found");

    private Problems() {
    }

    /** Builds a problem response with its media type and the request id header. */
    public static Response response(ObjectNode problem, int status, String requestId) {
        return Response.status(status).type(MEDIA_TYPE).header(RequestIds.HEADER, requestId).entity(problem).build();
    }

    public static ObjectNode create(ObjectMapper mapper, Type type, int status, String detail, String requestId) {
        ObjectNode problem = mapper.createObjectNode();
        problem.put("type", type.uri());
        problem.put("title", type.title());
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("requestId", requestId);
        return problem;
    }
}
