package dev.gateway.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;

/**
 * Turns errors that escape the aggregate endpoint into problem documents with a request id, so that no response is
 * a bare status: an unknown path, a method other than GET, an undecodable parameter, or a bug.
 */
public class ProblemMappers {

    private final ObjectMapper mapper;

    public ProblemMappers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception, HttpHeaders headers) {
        int status = exception.getResponse().getStatus();
        String requestId = RequestIds.keepOrGenerate(headers.getHeaderString(RequestIds.HEADER));
        String detail = switch (status) {
            case 404 -> "No such resource; aggregates are served at GET /aggregates/<aggregate>";
            case 405 -> "Method not allowed; aggregates are served at GET /aggregates/<aggregate>";
            default -> exception.getMessage();
        };
        Problems.Type type = new Problems.Type("/problems/http-" + status,
                Response.Status.fromStatusCode(status) == null ? "HTTP " + status
                        : Response.Status.fromStatusCode(status).getReasonPhrase());
        Response response = Problems.response(Problems.create(mapper, type, status, detail, requestId), status,
                requestId);
        return status == 405 ? Response.fromResponse(response).header("Allow", "GET").build() : response;
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException exception, HttpHeaders headers) {
        String requestId = RequestIds.keepOrGenerate(headers.getHeaderString(RequestIds.HEADER));
        Log.errorf(exception, "request failed unexpectedly [request %s]", requestId);
        ObjectNode problem = Problems.create(mapper, Problems.INTERNAL_ERROR, 500,
                "The gateway failed to handle the request; its log has the cause under request id " + requestId,
                requestId);
        return Problems.response(problem, 500, requestId);
    }
}
