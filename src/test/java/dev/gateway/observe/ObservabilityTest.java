package dev.gateway.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.gateway.support.PrometheusScrape;
import dev.gateway.support.WireMockUpstreams;
import dev.gateway.support.WireMockUpstreams.InjectUpstream;
import dev.gateway.support.WireMockUpstreams.Upstream;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

@QuarkusTest
@WithTestResource(WireMockUpstreams.class)
class ObservabilityTest {

    private static final String ATTEMPTS = "gateway_upstream_attempts_total";

    @InjectUpstream
    WireMockServer upstream;

    @InjectUpstream(Upstream.BREAKER)
    WireMockServer breakerUpstream;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void reset() {
        upstream.resetAll();
        breakerUpstream.resetAll();
        breakers.resetAll();
        spans.reset();
    }

    private void stubItemsFailingOnce() {
        upstream.stubFor(get("/customers/c-1").willReturn(okJson("{}")));
        upstream.stubFor(get("/orders/o-1/items?limit=5").inScenario("once").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed"));
        upstream.stubFor(get("/orders/o-1/items?limit=5").inScenario("once").whenScenarioStateIs("failed")
                .willReturn(okJson("[]")));
    }

    private static io.restassured.response.ValidatableResponse orders(String requestId) {
        return given().queryParam("customerId", "c-1").queryParam("orderId", "o-1").queryParam("limit", "5")
                .header("X-Request-Id", requestId)
                .when().get("/aggregates/orders").then();
    }

    @Test
    void retriedRequestIncrementsCounters() {
        stubItemsFailingOnce();
        PrometheusScrape before = PrometheusScrape.take();

        orders("metrics-1").statusCode(200);
        PrometheusScrape after = PrometheusScrape.take();

        String items = "aggregate=\"orders\",";
        assertThat(delta(before, after, ATTEMPTS, items + "outcome=\"upstream_status\",source=\"items\"")).isEqualTo(1);
        assertThat(delta(before, after, ATTEMPTS, items + "outcome=\"ok\",source=\"items\"")).isEqualTo(1);
        assertThat(delta(before, after, ATTEMPTS, items + "outcome=\"ok\",source=\"customer\"")).isEqualTo(1);
        assertThat(delta(before, after, "gateway_upstream_retries_total", items + "source=\"items\"")).isEqualTo(1);
        assertThat(delta(before, after, "gateway_upstream_retries_total", items + "source=\"customer\""))
                .isEqualTo(0);
        assertThat(delta(before, after, "gateway_source_results_total",
                items + "kind=\"none\",outcome=\"ok\",source=\"items\"")).isEqualTo(1);
        assertThat(delta(before, after, "gateway_upstream_attempt_duration_seconds_count",
                items + "source=\"items\"")).isEqualTo(2);
        assertThat(delta(before, after, "gateway_source_duration_seconds_count", items + "source=\"items\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "gateway_aggregate_responses_total",
                "aggregate=\"orders\",complete=\"true\",status=\"200\"")).isEqualTo(1);
        assertThat(delta(before, after, "gateway_aggregate_duration_seconds_count", "aggregate=\"orders\""))
                .isEqualTo(1);
    }

    @Test
    void dashboardRetriesAreCountedByStatus() {
        upstream.stubFor(get(urlPathMatching("/users/u-1/.*")).willReturn(okJson("{}")));
        upstream.stubFor(get("/users/u-1/accounts").inScenario("once").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed"));
        upstream.stubFor(get("/users/u-1/accounts").inScenario("once").whenScenarioStateIs("failed")
                .willReturn(okJson("[]")));
        PrometheusScrape before = PrometheusScrape.take();

        given().queryParam("userId", "u-1").when().get("/aggregates/dashboard").then().statusCode(200);
        PrometheusScrape after = PrometheusScrape.take();

        String accounts = "aggregate=\"dashboard\",";
        assertThat(delta(before, after, ATTEMPTS, accounts + "outcome=\"upstream_status\",source=\"accounts\""))
                .isEqualTo(1);
        assertThat(delta(before, after, ATTEMPTS, accounts + "outcome=\"ok\",source=\"accounts\"")).isEqualTo(1);
        assertThat(delta(before, after, ATTEMPTS, accounts + "outcome=\"connect_error\",source=\"accounts\""))
                .isEqualTo(0);
        assertThat(delta(before, after, "gateway_upstream_retries_total", accounts + "source=\"accounts\""))
                .isEqualTo(1);
    }

    @Test
    void failedSourceIsCountedByKind() {
        upstream.stubFor(get("/customers/c-1").willReturn(okJson("{}")));
        upstream.stubFor(get("/orders/o-1/items?limit=5").willReturn(aResponse().withStatus(404)));
        PrometheusScrape before = PrometheusScrape.take();

        orders("metrics-2").statusCode(502);
        PrometheusScrape after = PrometheusScrape.take();

        assertThat(delta(before, after, "gateway_source_results_total",
                "aggregate=\"orders\",kind=\"upstream_status\",outcome=\"failed\",source=\"items\"")).isEqualTo(1);
        assertThat(delta(before, after, "gateway_aggregate_responses_total",
                "aggregate=\"orders\",complete=\"false\",status=\"502\"")).isEqualTo(1);
    }

    @Test
    void labelsNeverCarryRequestValues() {
        stubItemsFailingOnce();
        given().queryParam("userId", "secret-user-42").when().get("/aggregates/dashboard");
        given().when().get("/aggregates/no-such-aggregate-77");
        given().when().post("/aggregates/posted-path-88");

        String metrics = PrometheusScrape.take().text();

        assertThat(metrics).doesNotContain("secret-user-42").doesNotContain("no-such-aggregate-77")
                .doesNotContain("posted-path-88");
        assertThat(metrics).contains("gateway_aggregate_responses_total{aggregate=\"_unknown\",complete=\"false\","
                + "status=\"404\"}");
    }

    @Test
    void breakerStateIsExported() {
        assertThat(PrometheusScrape.take().value("gateway_circuit_breaker_state",
                "aggregate=\"breaker\",source=\"flaky\",state=\"closed\"")).isEqualTo(1);
        openBreaker();

        PrometheusScrape scrape = PrometheusScrape.take();

        assertThat(scrape.value("gateway_circuit_breaker_state",
                "aggregate=\"breaker\",source=\"flaky\",state=\"open\"")).isEqualTo(1);
        assertThat(scrape.value("gateway_circuit_breaker_state",
                "aggregate=\"breaker\",source=\"flaky\",state=\"closed\"")).isEqualTo(0);
    }

    private void openBreaker() {
        breakerUpstream.stubFor(get("/flaky").willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 4; i++) {
            given().when().get("/aggregates/breaker").then().statusCode(502);
        }
        given().when().get("/aggregates/breaker").then().body("errors[0].kind", equalTo("circuit_open"));
    }

    @Test
    void readinessFollowsRequiredBreakers() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        openBreaker();

        given().when().get("/q/health/ready").then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'required sources' }.data", hasKey("breaker.flaky"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

        breakerUpstream.stubFor(get("/flaky").willReturn(okJson("{}")));
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            given().when().get("/aggregates/breaker");
            given().when().get("/q/health/ready").then().statusCode(200);
        });
    }

    @Test
    void requestIdIsPropagated() {
        stubItemsFailingOnce();

        orders("order-run-7").statusCode(200).header("X-Request-Id", "order-run-7");

        List<LoggedRequest> requests = upstream.findAll(getRequestedFor(urlPathEqualTo("/orders/o-1/items")));
        assertThat(requests).hasSize(2);
        assertThat(requests).allSatisfy(request -> assertThat(request.getHeader("X-Request-Id")).isEqualTo("order-run-7"));
    }

    @Test
    void invalidRequestIdIsReplaced() {
        upstream.stubFor(get("/customers/c-1").willReturn(aResponse().withStatus(404)));
        upstream.stubFor(get("/orders/o-1/items?limit=5").willReturn(okJson("[]")));

        for (String invalid : new String[] { "x".repeat(129), "caf\u00e9", "two words" }) {
            upstream.resetRequests();

            String returned = given().queryParam("customerId", "c-1").queryParam("orderId", "o-1")
                    .queryParam("limit", "5").header("X-Request-Id", invalid)
                    .when().get("/aggregates/orders").then().statusCode(502)
                    .extract().header("X-Request-Id");
            String inBody = given().queryParam("customerId", "c-1").queryParam("orderId", "o-1")
                    .queryParam("limit", "5").header("X-Request-Id", invalid)
                    .when().get("/aggregates/orders").then().extract().path("requestId");

            assertThat(returned).isNotEqualTo(invalid).matches("[0-9a-f-]{36}");
            assertThat(inBody).isNotEqualTo(invalid).matches("[0-9a-f-]{36}");
            assertThat(upstream.findAll(getRequestedFor(urlPathEqualTo("/customers/c-1"))).get(0)
                    .getHeader("X-Request-Id")).isEqualTo(returned);
        }
    }

    @Test
    void attemptsBecomeChildSpans() {
        stubItemsFailingOnce();

        orders("trace-1").statusCode(200);

        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> serverSpan("trace-1") != null && attemptSpans(serverSpan("trace-1"), "items").size() == 2);
        SpanData server = serverSpan("trace-1");
        List<SpanData> items = attemptSpans(server, "items");
        assertThat(server.getAttributes().get(AttributeKey.stringKey("gateway.aggregate"))).isEqualTo("orders");
        assertThat(items).extracting(span -> span.getAttributes().get(AttributeKey.longKey("gateway.attempt")))
                .containsExactly(1L, 2L);
        assertThat(items).extracting(span -> span.getAttributes().get(AttributeKey.stringKey("gateway.outcome")))
                .containsExactly("upstream_status", "ok");
        assertThat(items).extracting(span -> span.getAttributes().get(AttributeKey.stringKey("gateway.source")))
                .containsOnly("items");
        assertThat(items).allSatisfy(span -> assertThat(span.getParentSpanId()).isEqualTo(server.getSpanId()));
        String traceparent = upstream.findAll(getRequestedFor(urlPathEqualTo("/orders/o-1/items"))).get(1)
                .getHeader("traceparent");
        assertThat(traceparent).isEqualTo("00-" + items.get(1).getTraceId() + "-" + items.get(1).getSpanId() + "-01");
    }

    @Test
    void dashboardClientsSendTraceparent() {
        upstream.stubFor(get(urlPathMatching("/users/u-1/.*")).willReturn(okJson("{}")));

        given().queryParam("userId", "u-1").header("X-Request-Id", "trace-2").when().get("/aggregates/dashboard")
                .then().statusCode(200);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> serverSpan("trace-2") != null);
        String traceId = serverSpan("trace-2").getTraceId();
        LoggedRequest accounts = upstream.findAll(getRequestedFor(urlPathEqualTo("/users/u-1/accounts"))).get(0);
        assertThat(accounts.getHeader("traceparent")).startsWith("00-" + traceId + "-");
    }

    private SpanData serverSpan(String requestId) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER)
                .filter(span -> requestId.equals(span.getAttributes().get(AttributeKey.stringKey("gateway.request_id"))))
                .findFirst().orElse(null);
    }

    private List<SpanData> attemptSpans(SpanData server, String source) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(server.getTraceId()))
                .filter(span -> span.getName().equals("attempt " + source))
                .sorted(Comparator.comparing(span -> span.getAttributes().get(AttributeKey.longKey("gateway.attempt"))))
                .toList();
    }

    @Test
    void openApiDescribesAggregates() {
        given().when().get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("paths", hasKey("/aggregates/{aggregate}"))
                .body("components.schemas", hasKey("Envelope"))
                .body("components.schemas", hasKey("Problem"))
                .body("paths.'/aggregates/{aggregate}'.get.responses", hasKey("503"))
                .body("paths.'/aggregates/{aggregate}'.get.parameters.find { it.name == 'X-Request-Id' }.schema.type",
                        equalTo("string"));
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
