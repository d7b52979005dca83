package dev.gateway.demo;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import dev.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;

/**
 * A deliberately flaky personal-finance API, served by the gateway itself so the dashboard works with nothing else
 * running. The first attempt of a request fails with 503 at {@code gateway.demo.failure-ratio}, telling attempts apart
 * by the {@code X-Gateway-Attempt} header the gateway sends; every response waits a random time up to
 * {@code gateway.demo.latency}. With {@code gateway.demo.enabled=false} every path returns 404.
 */
@Path("/demo/users/{userId}")
public class DemoUpstreamResource {

    private final GatewayConfig.Demo config;
    private final DemoData data;

    public DemoUpstreamResource(GatewayConfig config, DemoData data) {
        this.config = config.demo();
        this.data = data;
    }

    @GET
    @Path("/accounts")
    public Uni<Response> accounts(@PathParam("userId") String userId, @HeaderParam("X-Gateway-Attempt") String attempt) {
        return answer(userId, attempt, data::accounts);
    }

    @GET
    @Path("/transactions")
    public Uni<Response> transactions(@PathParam("userId") String userId,
            @HeaderParam("X-Gateway-Attempt") String attempt) {
        return answer(userId, attempt, data::transactions);
    }

    @GET
    @Path("/budgets")
    public Uni<Response> budgets(@PathParam("userId") String userId, @HeaderParam("X-Gateway-Attempt") String attempt) {
        return answer(userId, attempt, data::budgets);
    }

    private Uni<Response> answer(String userId, String attempt, Function<String, JsonNode> body) {
        if (!config.enabled()) {
            return Uni.createFrom().item(Response.status(404).build());
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean firstAttempt = attempt == null || attempt.equals("1");
        Response response = firstAttempt && random.nextDouble() < config.failureRatio()
                ? Response.status(503).type(MediaType.APPLICATION_JSON).entity("{\"error\":\"try again\"}").build()
                : Response.ok(body.apply(userId), MediaType.APPLICATION_JSON).build();
        long delayMillis = config.latency().toMillis() <= 0 ? 0 : random.nextLong(config.latency().toMillis() + 1);
        if (delayMillis == 0) {
            // Mutiny rejects a zero delay, so a response drawn without latency goes out at once.
            return Uni.createFrom().item(response);
        }
        return Uni.createFrom().item(response).onItem().delayIt().by(Duration.ofMillis(delayMillis));
    }
}
