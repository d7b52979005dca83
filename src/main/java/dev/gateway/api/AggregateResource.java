package dev.gateway.api;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gateway.config.AggregateRegistry;
import dev.gateway.engine.AggregateDefinition;
import dev.gateway.engine.AggregateRequest;
import dev.gateway.engine.AggregateResult;
import dev.gateway.engine.Aggregator;
import dev.gateway.engine.InvalidParameterException;
import dev.gateway.observe.GatewayObservations;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /aggregates/{aggregate}}: calls the sources of one aggregate and returns the envelope, or a problem
 * document when a required source failed or the request is invalid.
 */
@Path("/aggregates")
public class AggregateResource {

    static final String COMPLETE_HEADER = "X-Aggregate-Complete";

    private final AggregateRegistry registry;
    private final Aggregator aggregator;
    private final EnvelopeWriter writer;
    private final ObjectMapper mapper;
    private final GatewayObservations observations;
    private final ShutdownDrain drain;

    public AggregateResource(AggregateRegistry registry, Aggregator aggregator, EnvelopeWriter writer,
            ObjectMapper mapper, GatewayObservations observations, ShutdownDrain drain) {
        this.drain = drain;
        this.registry = registry;
        this.aggregator = aggregator;
        this.writer = writer;
        this.mapper = mapper;
        this.observations = observations;
    }

    @GET
    @Path("/{aggregate}")
    @Produces({ MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE })
    @Operation(summary = "Call the sources of one aggregate", description = "Calls every source of the aggregate in"
            + " parallel, retrying failed calls within the aggregate's deadline. Query parameters fill the"
            + " placeholders of the sources' URL templates; the dashboard takes userId.")
    @Parameter(name = "aggregate", description = "A configured aggregate name", example = "dashboard")
    @Parameter(name = "X-Request-Id", in = ParameterIn.HEADER, description = "Kept when 1 to 128 visible ASCII"
            + " characters (no spaces), otherwise replaced by a UUID", required = false,
            schema = @Schema(type = SchemaType.STRING, maxLength = 128))
    @APIResponse(responseCode = "200", description = "Every required source succeeded; X-Aggregate-Complete reports"
            + " whether optional ones did too", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiSchemas.Envelope.class), examples = @ExampleObject(
                            name = "complete", value = OpenApiExamples.COMPLETE)))
    @APIResponse(responseCode = "400", description = "A request parameter is missing or invalid",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class),
                    examples = @ExampleObject(name = "missing userId", value = OpenApiExamples.INVALID_PARAMETER)))
    @APIResponse(responseCode = "404", description = "No aggregate has this name",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "502", description = "A required source failed",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class),
                    examples = @ExampleObject(name = "accounts down", value = OpenApiExamples.SOURCES_FAILED)))
    @APIResponse(responseCode = "504", description = "Every required source that failed did so by timeout or deadline",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "503", description = "The gateway is shutting down; Retry-After gives the seconds to wait before retrying,"
            + " against another instance", content = @Content(mediaType = Problems.MEDIA_TYPE,
                    schema = @Schema(implementation = ApiSchemas.Problem.class)))
    public Uni<Response> get(@PathParam("aggregate") String name, @Context UriInfo uriInfo,
            @Context HttpHeaders headers) {
        long startNanos = System.nanoTime();
        String requestId = RequestIds.keepOrGenerate(headers.getHeaderString(RequestIds.HEADER));
        Span.current().setAttribute("gateway.request_id", requestId);
        if (drain.draining()) {
            Response rejected = Response.fromResponse(problem(Problems.SHUTTING_DOWN, 503,
                    "The gateway is shutting down and takes no new requests; retry against another instance",
                    requestId)).header("Retry-After", drain.retryAfterSeconds()).build();
            String label = registry.find(name).isPresent() ? name : GatewayObservations.UNKNOWN_AGGREGATE;
            return Uni.createFrom().item(finished(label, rejected, false, startNanos));
        }
        AggregateDefinition aggregate = registry.find(name).orElse(null);
        if (aggregate == null) {
            Response notFound = problem(Problems.AGGREGATE_NOT_FOUND, 404,
                    "No aggregate named '" + name + "'; configured aggregates: " + registry.names(), requestId);
            return Uni.createFrom().item(finished(GatewayObservations.UNKNOWN_AGGREGATE, notFound, false, startNanos));
        }

        Span.current().setAttribute("gateway.aggregate", aggregate.name());
        AggregateRequest request = new AggregateRequest(firstValues(uriInfo.getQueryParameters()),
                lowerCaseNames(headers.getRequestHeaders()), requestId, io.opentelemetry.context.Context.current());
        try {
            // Counted from subscription to termination: a client that leaves before Quarkus subscribes leaves no count.
            return aggregator.run(aggregate, request)
                    .map(result -> finished(aggregate.name(), toResponse(result, requestId), result.complete(),
                            startNanos))
                    .onSubscription().invoke(drain::started)
                    .onTermination().invoke(drain::finished);
        } catch (InvalidParameterException e) {
            return Uni.createFrom().item(finished(aggregate.name(), invalidParameter(e, requestId), false, startNanos));
        }
    }

    private Response finished(String aggregate, Response response, boolean complete, long startNanos) {
        observations.aggregateFinished(aggregate, response.getStatus(), complete,
                Duration.ofNanos(System.nanoTime() - startNanos));
        return response;
    }

    private Response toResponse(AggregateResult result, String requestId) {
        int status = result.httpStatus();
        ObjectNode body = status == 200 ? writer.envelope(result) : writer.problem(result, requestId);
        return Response.status(status)
                .type(status == 200 ? MediaType.APPLICATION_JSON : Problems.MEDIA_TYPE)
                .header(COMPLETE_HEADER, Boolean.toString(result.complete()))
                .header(RequestIds.HEADER, requestId)
                .entity(body)
                .build();
    }

    private Response invalidParameter(InvalidParameterException e, String requestId) {
        ObjectNode body = Problems.create(mapper, Problems.INVALID_PARAMETER, 400, e.getMessage(), requestId);
        body.put("parameter", e.parameter());
        body.put("value", e.value());
        return Problems.response(body, 400, requestId);
    }

    private Response problem(Problems.Type type, int status, String detail, String requestId) {
        return Problems.response(Problems.create(mapper, type, status, detail, requestId), status, requestId);
    }

    private static Map<String, String> firstValues(MultivaluedMap<String, String> parameters) {
        Map<String, String> first = new HashMap<>();
        parameters.forEach((name, values) -> {
            if (!values.isEmpty()) {
                first.put(name, values.get(0));
            }
        });
        return first;
    }

    private static Map<String, String> lowerCaseNames(MultivaluedMap<String, String> headers) {
        Map<String, String> lowerCase = new HashMap<>();
        headers.forEach((name, values) -> {
            if (!values.isEmpty()) {
                lowerCase.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            }
        });
        return lowerCase;
    }
}
