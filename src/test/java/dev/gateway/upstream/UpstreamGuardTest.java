package dev.gateway.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.gateway.support.WireMockUpstreams;
import dev.gateway.support.WireMockUpstreams.InjectUpstream;
import dev.gateway.support.WireMockUpstreams.Upstream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

@QuarkusTest
@WithTestResource(WireMockUpstreams.class)
class UpstreamGuardTest {

    @InjectUpstream(Upstream.BREAKER)
    WireMockServer breakerUpstream;

    @InjectUpstream(Upstream.BULKHEAD)
    WireMockServer bulkheadUpstream;

    @InjectUpstream(Upstream.RATE_LIMIT)
    WireMockServer rateLimitUpstream;

    @InjectUpstream(Upstream.RETRY_BUDGET)
    WireMockServer budgetUpstream;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        breakerUpstream.resetAll();
        bulkheadUpstream.resetAll();
        rateLimitUpstream.resetAll();
        budgetUpstream.resetAll();
        breakers.resetAll();
    }

    private static JsonPath call(String aggregate) {
        return given().when().get("/aggregates/" + aggregate).then().extract().jsonPath();
    }

    @Test
    void breakerOpensFailsFastAndClosesAgain() {
        breakerUpstream.stubFor(get("/flaky").willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 4; i++) {
            assertThat(call("breaker").getString("errors[0].kind")).isEqualTo("upstream_status");
        }
        breakerUpstream.verify(4, getRequestedFor(urlEqualTo("/flaky")));

        JsonPath open = call("breaker");

        assertThat(open.getString("errors[0].kind")).isEqualTo("circuit_open");
        assertThat(open.getInt("errors[0].attempts")).isZero();
        assertThat(open.getString("errors[0].message")).contains("circuit breaker", "is open");
        breakerUpstream.verify(4, getRequestedFor(urlEqualTo("/flaky")));
        String breakerName = UpstreamGuards.circuitBreakerName(
                java.net.URI.create("http://127.0.0.1:" + breakerUpstream.port()));
        assertThat(breakers.currentState(breakerName)).isEqualTo(CircuitBreakerState.OPEN);

        breakerUpstream.stubFor(get("/flaky").willReturn(okJson("{\"up\":true}")));
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> "ok".equals(call("breaker").getString("sources.flaky.outcome")));
        assertThat(breakers.currentState(breakerName)).isNotEqualTo(CircuitBreakerState.OPEN);
    }

    @Test
    void notFoundDoesNotOpenTheBreaker() {
        breakerUpstream.stubFor(get("/flaky").willReturn(aResponse().withStatus(404)));

        for (int i = 0; i < 6; i++) {
            assertThat(call("breaker").getInt("errors[0].status")).isEqualTo(404);
        }

        breakerUpstream.verify(6, getRequestedFor(urlEqualTo("/flaky")));
    }

    @Test
    void fullBulkheadRejectsWithoutCallingTheUpstream() {
        bulkheadUpstream.stubFor(get("/slow").willReturn(okJson("{}").withFixedDelay(1_500)));
        List<CompletableFuture<JsonPath>> calls = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> call("bulkhead")));
        }
        List<String> outcomes = calls.stream().map(CompletableFuture::join)
                .map(json -> json.getString("sources.slow.outcome") + "/" + json.getString("sources.slow.kind"))
                .toList();

        assertThat(outcomes).containsExactlyInAnyOrder("ok/null", "ok/null", "failed/bulkhead_full");
        bulkheadUpstream.verify(2, getRequestedFor(urlEqualTo("/slow")));
    }

    @Test
    void rateLimitRejectsBeyondTheLimit() {
        rateLimitUpstream.stubFor(get("/limited").willReturn(okJson("{}")));

        given().when().get("/aggregates/rate-limited").then().statusCode(200);
        given().when().get("/aggregates/rate-limited").then().statusCode(200);
        given().when().get("/aggregates/rate-limited").then()
                .statusCode(502)
                .body("errors[0].kind", equalTo("rate_limited"))
                .body("errors[0].attempts", equalTo(0));

        rateLimitUpstream.verify(2, getRequestedFor(urlEqualTo("/limited")));
    }

    @Test
    void retryBudgetStopsRetriesUntilRefilled() {
        budgetUpstream.stubFor(get("/thin").willReturn(aResponse().withStatus(503)));

        JsonPath first = call("budgeted");
        JsonPath second = call("budgeted");

        assertThat(first.getInt("errors[0].attempts")).isEqualTo(2);
        assertThat(first.getString("errors[0].message"))
                .endsWith("not retried because the retry budget of http://127.0.0.1:" + budgetUpstream.port()
                        + " is spent");
        assertThat(second.getInt("errors[0].attempts")).isEqualTo(1);
        budgetUpstream.verify(3, getRequestedFor(urlEqualTo("/thin")));

        // Each success adds 0.5 tokens to the 1 left; at 3.5 a failure leaves 2.5, more than half, so it is retried.
        budgetUpstream.stubFor(get("/thin").willReturn(okJson("{}")));
        for (int i = 0; i < 5; i++) {
            assertThat(call("budgeted").getString("sources.thin.outcome")).isEqualTo("ok");
        }
        budgetUpstream.stubFor(get("/thin").willReturn(aResponse().withStatus(503)));

        assertThat(call("budgeted").getInt("errors[0].attempts")).isEqualTo(2);
    }
}
