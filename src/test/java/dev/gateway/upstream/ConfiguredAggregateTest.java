package dev.gateway.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.gateway.support.WireMockUpstreams;
import dev.gateway.support.WireMockUpstreams.InjectUpstream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

@QuarkusTest
@WithTestResource(WireMockUpstreams.class)
class ConfiguredAggregateTest {

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        upstream.resetAll();
        breakers.resetAll();
    }

    private static Response orders(String customerId, String orderId, String limit) {
        return given().queryParam("customerId", customerId).queryParam("orderId", orderId)
                .queryParam("limit", limit).when().get("/aggregates/orders");
    }

    private static org.hamcrest.Matcher<Object> is(Object value) {
        return org.hamcrest.Matchers.equalTo(value);
    }

    @Test
    void ordersServesBothSources() {
        upstream.stubFor(get("/customers/c-1").willReturn(okJson("{\"name\":\"Ada\"}")));
        upstream.stubFor(get("/orders/o-1/items?limit=5").willReturn(okJson("[1,2]")));

        orders("c-1", "o-1", "5").then()
                .statusCode(200)
                .header("X-Aggregate-Complete", "true")
                .body("data.customer.name", is("Ada"))
                .body("data.items", is(List.of(1, 2)))
                .body("sources.customer.attempts", is(1))
                .body("sources.items.attempts", is(1));
    }

    @Test
    void retryCountsFollowEachSourcePolicy() {
        upstream.stubFor(get("/customers/c-1").willReturn(aResponse().withStatus(503)));
        upstream.stubFor(get("/orders/o-1/items?limit=5").willReturn(okJson("[]")));
        upstream.stubFor(get("/customers/c-2").willReturn(okJson("{}")));
        upstream.stubFor(get("/orders/o-2/items?limit=5").willReturn(aResponse().withStatus(503)));

        orders("c-1", "o-1", "5").then().statusCode(502).body("errors[0].attempts", is(2));
        orders("c-2", "o-2", "5").then().statusCode(502).body("errors[0].attempts", is(5));

        upstream.verify(2, getRequestedFor(urlPathEqualTo("/customers/c-1")));
        upstream.verify(5, getRequestedFor(urlPathEqualTo("/orders/o-2/items")));
    }

    @Test
    void onStatusOverrideLimitsRetriedStatuses() {
        upstream.stubFor(get("/customers/c-1").willReturn(okJson("{}")));
        upstream.stubFor(get("/orders/o-1/items?limit=5").willReturn(aResponse().withStatus(502)));

        orders("c-1", "o-1", "5").then()
                .statusCode(502)
                .body("errors[0].source", is("items"))
                .body("errors[0].status", is(502))
                .body("errors[0].attempts", is(1));

        upstream.verify(1, getRequestedFor(urlPathEqualTo("/orders/o-1/items")));
    }

    @Test
    void attemptsCarryHeadersAndOnlyTemplateParameters() {
        upstream.stubFor(get("/customers/c-1").willReturn(okJson("{}")));
        upstream.stubFor(get("/orders/o-1/items?limit=5").willReturn(okJson("[]")));

        given().queryParam("customerId", "c-1").queryParam("orderId", "o-1").queryParam("limit", "5")
                .queryParam("debug", "true")
                .header("Authorization", "Bearer t-1")
                .header("X-Tenant", "acme")
                .header("X-Other", "not forwarded")
                .header("X-Request-Id", "req-42")
                .when().get("/aggregates/orders")
                .then().statusCode(200).header("X-Request-Id", "req-42");

        LoggedRequest items = upstream.findAll(getRequestedFor(urlPathEqualTo("/orders/o-1/items"))).get(0);
        assertThat(items.getUrl()).isEqualTo("/orders/o-1/items?limit=5");
        assertThat(items.getHeader("X-Api-Key")).isEqualTo("test-key");
        assertThat(items.getHeader("Authorization")).isEqualTo("Bearer t-1");
        assertThat(items.getHeader("X-Tenant")).isEqualTo("acme");
        assertThat(items.containsHeader("X-Other")).isFalse();
        assertThat(items.getHeader("X-Request-Id")).isEqualTo("req-42");
        assertThat(items.getHeader("X-Gateway-Attempt")).isEqualTo("1");
        assertThat(Long.parseLong(items.getHeader("X-Request-Timeout-Ms"))).isBetween(1L, 500L);
        LoggedRequest customer = upstream.findAll(getRequestedFor(urlPathEqualTo("/customers/c-1"))).get(0);
        assertThat(customer.containsHeader("Authorization")).isFalse();
        assertThat(customer.containsHeader("X-Api-Key")).isFalse();
    }

    @Test
    void missingTemplateParameterIs400() {
        given().queryParam("customerId", "c-1").queryParam("orderId", "o-1").when().get("/aggregates/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("parameter", is("limit"))
                .body("detail", is("query parameter 'limit' is required"));

        upstream.verify(0, getRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void templateValuesArePercentEncoded() {
        upstream.stubFor(get(urlPathMatching("/customers/.*")).willReturn(okJson("{}")));
        upstream.stubFor(get(urlPathMatching("/orders/.*")).willReturn(okJson("[]")));

        orders("a b/c", "%?#", "1 & x=2").then().statusCode(200);
        orders("日本", "é", "..").then().statusCode(200);

        upstream.verify(getRequestedFor(urlEqualTo("/customers/a%20b%2Fc")));
        upstream.verify(getRequestedFor(urlEqualTo("/orders/%25%3F%23/items?limit=1%20%26%20x%3D2")));
        upstream.verify(getRequestedFor(urlEqualTo("/customers/%E6%97%A5%E6%9C%AC")));
        upstream.verify(getRequestedFor(urlEqualTo("/orders/%C3%A9/items?limit=..")));
    }

    @Test
    void dotSegmentsInPathAre400() {
        orders("..", "o-1", "5").then()
                .statusCode(400)
                .body("parameter", is("customerId"))
                .body("value", is(".."));
        orders("c-1", ".", "5").then()
                .statusCode(400)
                .body("parameter", is("orderId"));

        upstream.verify(0, getRequestedFor(urlPathMatching(".*")));
    }

    private static Response catalog() {
        return given().queryParam("productId", "p-1").queryParam("q", "x").when().get("/aggregates/catalog");
    }

    private void stubProductFailingOnceWith(String retryAfter) {
        upstream.stubFor(get("/reviews?product=p-1&q=x").willReturn(okJson("[]")));
        upstream.stubFor(get("/products/p-1").inScenario("retry-after").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", retryAfter))
                .willSetStateTo("failed"));
        upstream.stubFor(get("/products/p-1").inScenario("retry-after").whenScenarioStateIs("failed")
                .willReturn(okJson("{\"id\":\"p-1\"}")));
    }

    @Test
    void retryAfterSecondsSetsTheDelay() {
        stubProductFailingOnceWith("1");

        catalog().then()
                .statusCode(200)
                .body("sources.product.attempts", is(2))
                .body("sources.product.delays", hasSize(1))
                .body("sources.product.delays[0].ms", is(1000))
                .body("sources.product.delays[0].basis", is("retry-after"));

        List<LoggedRequest> requests = upstream.findAll(getRequestedFor(urlPathEqualTo("/products/p-1")));
        assertThat(requests).hasSize(2);
        long gapMillis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gapMillis).isGreaterThanOrEqualTo(900);
    }

    @Test
    void retryAfterDateSetsTheDelay() {
        String inOneSecond = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        stubProductFailingOnceWith(inOneSecond);

        catalog().then()
                .statusCode(200)
                .body("sources.product.attempts", is(2))
                .body("sources.product.delays[0].basis", is("retry-after"))
                .body("sources.product.delays[0].ms", lessThanOrEqualTo(1500));
    }

    @Test
    void retryAfterIsCappedAtMaxDelay() {
        stubProductFailingOnceWith("3600");

        catalog().then()
                .statusCode(200)
                .body("sources.product.delays[0].ms", is(1500))
                .body("sources.product.delays[0].basis", is("retry-after"));
    }

    @Test
    void unusableRetryAfterFallsBackToBackoff() {
        for (String value : new String[] { "soon", "-5", "1.5", "99999999999" }) {
            upstream.resetAll();
            stubProductFailingOnceWith(value);

            catalog().then()
                    .statusCode(200)
                    .body("sources.product.delays[0].ms", is(10))
                    .body("sources.product.delays[0].basis", is("backoff"));
        }
    }

    @Test
    void optionalSourceFailureIsReported() {
        upstream.stubFor(get("/products/p-1").willReturn(okJson("{}")));
        upstream.stubFor(get("/reviews?product=p-1&q=x").willReturn(aResponse().withStatus(500)));

        catalog().then()
                .statusCode(200)
                .header("X-Aggregate-Complete", "false")
                .body("data.reviews", nullValue())
                .body("errors[0].source", is("reviews"))
                .body("errors[0].attempts", is(1));
    }

    @Test
    void retryThatWouldPassTheDeadlineIsSkipped() {
        upstream.stubFor(get("/quotes/ACME").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));

        long start = System.nanoTime();
        Response response = given().queryParam("symbol", "ACME").when().get("/aggregates/hurry");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        response.then()
                .statusCode(504)
                .body("errors[0].kind", is("deadline_exceeded"))
                .body("errors[0].status", is(429))
                .body("errors[0].attempts", is(1))
                .body("errors[0].message", startsWith("retry 1 not started: its delay of 3000 ms would end after"));
        assertThat(elapsed).isLessThan(Duration.ofMillis(900));
        upstream.verify(1, getRequestedFor(urlEqualTo("/quotes/ACME")));
    }

    @Test
    void invalidJsonIsNotRetried() {
        upstream.stubFor(get("/customers/c-1").willReturn(okJson("{}")));
        upstream.stubFor(get("/orders/o-1/items?limit=5").willReturn(okJson("[] trailing")));

        orders("c-1", "o-1", "5").then()
                .statusCode(502)
                .body("errors[0].kind", is("invalid_response"))
                .body("errors[0].status", is(200))
                .body("errors[0].attempts", is(1))
                .body("errors[0].message", startsWith("upstream body is not valid JSON at line 1"));

        upstream.verify(1, getRequestedFor(urlPathEqualTo("/orders/o-1/items")));
    }

    @Test
    void redirectIsNotFollowed() {
        upstream.stubFor(get("/customers/c-1").willReturn(aResponse().withStatus(301).withHeader("Location",
                "/customers/c-2")));
        upstream.stubFor(get("/orders/o-1/items?limit=5").willReturn(okJson("[]")));

        orders("c-1", "o-1", "5").then()
                .statusCode(502)
                .body("errors[0].status", is(301))
                .body("errors[0].message", is("upstream returned HTTP 301; redirects are not followed"));

        upstream.verify(0, getRequestedFor(urlEqualTo("/customers/c-2")));
    }

    @Test
    void errorBodyNeverReachesTheClient() {
        upstream.stubFor(get("/customers/c-1").willReturn(aResponse().withStatus(404)
                .withBody("{\"secret\":\"internal stack trace\"}")));
        upstream.stubFor(get("/orders/o-1/items?limit=5").willReturn(okJson("[]")));

        String body = orders("c-1", "o-1", "5").then().statusCode(502).extract().asString();

        assertThat(body).doesNotContain("secret").doesNotContain("internal stack trace");
    }

    @Test
    void attemptTimeoutIsRetried() {
        upstream.stubFor(get("/customers/c-1").willReturn(okJson("{}")));
        upstream.stubFor(get("/orders/o-1/items?limit=5").willReturn(okJson("[]").withFixedDelay(1_000)));

        orders("c-1", "o-1", "5").then()
                .statusCode(504)
                .body("errors[0].kind", is("timeout"))
                .body("errors[0].attempts", is(5))
                .body("errors[0].message", is("no response within the attempt timeout of 500 ms"));

        upstream.verify(5, getRequestedFor(urlPathEqualTo("/orders/o-1/items")));
        upstream.verify(getRequestedFor(urlPathEqualTo("/orders/o-1/items")).withHeader("X-Api-Key",
                equalTo("test-key")).withHeader("Cookie", absent()));
    }

    @Test
    void connectionRefusedIsRetriedThenReported() {
        given().when().get("/aggregates/offline").then()
                .statusCode(502)
                .body("errors[0].kind", is("connect_error"))
                .body("errors[0].status", nullValue())
                .body("errors[0].attempts", is(4))
                .body("errors[0].message", startsWith("connection failed: "));
    }

    @Test
    void causesAreListedBeforeCancellations() {
        upstream.stubFor(get("/customers/c-1").willReturn(okJson("{}").withFixedDelay(1_000)));
        upstream.stubFor(get("/orders/o-1/items?limit=5").willReturn(aResponse().withStatus(404)));

        orders("c-1", "o-1", "5").then()
                .statusCode(502)
                .body("detail", is("Required sources of aggregate 'orders' failed: items"))
                .body("errors", hasSize(2))
                .body("errors[0].source", is("items"))
                .body("errors[0].kind", is("upstream_status"))
                .body("errors[1].source", is("customer"))
                .body("errors[1].kind", is("cancelled"))
                .body("errors[1].attempts", is(1));
    }

    @Test
    void clientDisconnectStopsRetries() throws Exception {
        upstream.stubFor(get("/customers/c-1").willReturn(aResponse().withStatus(503).withFixedDelay(1_500)));
        upstream.stubFor(get("/orders/o-1/items?limit=5").willReturn(okJson("[]")));

        try (java.net.Socket client = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            client.getOutputStream().write(("GET /aggregates/orders?customerId=c-1&orderId=o-1&limit=5 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> upstream.findAll(getRequestedFor(urlPathEqualTo("/orders/o-1/items"))).size() == 1);
        }

        // Without the disconnect, customer would be tried again after its first 503, 1.5 s in.
        Awaitility.await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(4))
                .until(() -> upstream.findAll(getRequestedFor(urlPathEqualTo("/customers/c-1"))).size() <= 1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> given().when().get("/q/health/ready")
                .then().extract().jsonPath().getInt("checks.find { it.name == 'shutdown' }.data.inFlight") == 0);
    }

    @Test
    void concurrentRequestsAllSucceed() {
        upstream.stubFor(get(urlPathMatching("/customers/.*")).willReturn(okJson("{}")));
        upstream.stubFor(get(urlPathMatching("/orders/.*")).willReturn(okJson("[]").withFixedDelay(5)));
        List<java.util.concurrent.CompletableFuture<Integer>> calls = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);

        try {
            for (int i = 0; i < 160; i++) {
                String id = "c-" + i;
                calls.add(java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> orders(id, "o-" + id, "5").then().extract().statusCode(), pool));
            }
            List<Integer> statuses = calls.stream().map(java.util.concurrent.CompletableFuture::join).toList();

            assertThat(statuses).containsOnly(200);
            upstream.verify(160, getRequestedFor(urlPathMatching("/customers/.*")));
            upstream.verify(160, getRequestedFor(urlPathMatching("/orders/.*")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cancelledAttemptsDoNotOpenTheBreaker() {
        upstream.stubFor(get("/customers/c-1").willReturn(okJson("{}").withFixedDelay(2_000)));
        upstream.stubFor(get("/orders/o-1/items?limit=5").willReturn(aResponse().withStatus(404)));
        String origin = UpstreamGuards.circuitBreakerName(java.net.URI.create("http://127.0.0.1:" + upstream.port()));

        for (int i = 0; i < 25; i++) {
            orders("c-1", "o-1", "5").then().statusCode(502).body("errors[1].kind", is("cancelled"));
        }

        assertThat(breakers.currentState(origin)).isEqualTo(io.smallrye.faulttolerance.api.CircuitBreakerState.CLOSED);
    }
}
