package dev.gateway.it;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.gateway.support.GatewayProcess;
import io.restassured.response.Response;

/**
 * SIGTERM to the packaged gateway: the aggregate in flight finishes, new requests get 503 with Retry-After meanwhile,
 * and the process exits once the request is done. Also checks the JSON log switch, which needs a process of its own.
 */
class GracefulShutdownIT {

    private WireMockServer upstream;

    @BeforeEach
    void startUpstream() {
        upstream = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(get("/slow").willReturn(okJson("{\"done\":true}").withFixedDelay(2_000)));
        upstream.stubFor(get("/fast").willReturn(okJson("{}")));
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop();
    }

    private Map<String, String> environment() {
        String base = "http://127.0.0.1:" + upstream.port();
        return Map.of(
                "GATEWAY_AGGREGATES_SLOW_TIMEOUT", "5s",
                "GATEWAY_AGGREGATES_SLOW_SOURCES_ITEM_URL", base + "/slow",
                "GATEWAY_AGGREGATES_SLOW_SOURCES_ITEM_TIMEOUT", "4s",
                "GATEWAY_AGGREGATES_FAST_SOURCES_ITEM_URL", base + "/fast",
                "GATEWAY_SHUTDOWN_GRACE_PERIOD", "8s",
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
    }

    @Test
    void sigtermDrainsInFlightRequests() throws Exception {
        GatewayProcess gateway = GatewayProcess.start(List.of(), environment());
        try {
            CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(
                    () -> given().baseUri(gateway.baseUrl()).when().get("/aggregates/slow"));
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> !upstream.findAll(getRequestedFor(urlPathEqualTo("/slow"))).isEmpty());

            gateway.terminate();
            Response rejected = Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> given().baseUri(gateway.baseUrl()).when().get("/aggregates/fast"),
                            response -> response.statusCode() == 503);

            assertThat(rejected.header("Retry-After")).matches("[1-9][0-9]*");
            assertThat(rejected.contentType()).startsWith("application/problem+json");
            assertThat(rejected.jsonPath().getString("type")).isEqualTo("/problems/shutting-down");
            Response readiness = given().baseUri(gateway.baseUrl()).when().get("/q/health/ready");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.jsonPath().getString("checks.find { it.name == 'shutdown' }.status")).isEqualTo("DOWN");
            assertThat(readiness.jsonPath().getInt("checks.find { it.name == 'shutdown' }.data.inFlight")).isEqualTo(1);
            Response finished = inFlight.get();
            assertThat(finished.statusCode()).isEqualTo(200);
            assertThat(finished.jsonPath().getBoolean("data.item.done")).isTrue();
            assertThat(gateway.awaitExit(Duration.ofSeconds(10))).isTrue();
            assertThat(gateway.output()).contains("shutting down: 1 aggregate request(s) in flight");
        } finally {
            gateway.close();
        }
    }

    @Test
    void jsonLogsCanBeSwitchedOn() {
        GatewayProcess gateway = GatewayProcess.start(List.of(), environment());
        gateway.close();

        List<String> lines = gateway.output().lines().filter(line -> line.startsWith("{")).toList();

        assertThat(lines).isNotEmpty();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"loggerName\":\"dev.gateway.config"));
        ObjectMapper mapper = new ObjectMapper();
        for (String line : lines) {
            assertThat(line).satisfies(json -> mapper.readTree(json));
        }
    }
}
