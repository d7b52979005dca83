package dev.gateway.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.gateway.support.WireMockUpstreams;
import dev.gateway.support.WireMockUpstreams.InjectUpstream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

@QuarkusTest
@WithTestResource(WireMockUpstreams.class)
class DashboardTest {

    private static final String ACCOUNTS = "/users/u-1/accounts";
    private static final String TRANSACTIONS = "/users/u-1/transactions";
    private static final String BUDGETS = "/users/u-1/budgets";

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        upstream.resetAll();
        breakers.resetAll();
    }

    private void stubAllOk() {
        upstream.stubFor(get(ACCOUNTS).willReturn(okJson("[{\"id\":\"a-1\",\"balance\":10}]")));
        upstream.stubFor(get(TRANSACTIONS).willReturn(okJson("{\"items\":[{\"amount\":-3.5}],\"next\":null}")));
        upstream.stubFor(get(BUDGETS).willReturn(okJson("42")));
    }

    private static Response dashboard(String userId) {
        return given().queryParam("userId", userId).when().get("/aggregates/dashboard");
    }

    @Test
    void allSourcesSucceed() {
        stubAllOk();

        dashboard("u-1").then()
                .statusCode(200)
                .contentType("application/json")
                .header("X-Aggregate-Complete", "true")
                .body("data.accounts[0].id", equalTo("a-1"))
                .body("data.transactions.items[0].amount", equalTo(-3.5f))
                .body("data.budgets", equalTo(42))
                .body("errors", hasSize(0))
                .body("sources.accounts.outcome", equalTo("ok"))
                .body("sources.accounts.status", equalTo(200))
                .body("sources.accounts.attempts", equalTo(1))
                .body("sources.transactions.attempts", equalTo(1))
                .body("sources.budgets.attempts", equalTo(1));

        upstream.verify(1, getRequestedFor(urlEqualTo(ACCOUNTS)));
        upstream.verify(1, getRequestedFor(urlEqualTo(TRANSACTIONS)));
        upstream.verify(1, getRequestedFor(urlEqualTo(BUDGETS)));
    }

    @Test
    void failsTwiceThenSucceeds() {
        stubAllOk();
        upstream.stubFor(get(ACCOUNTS).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed once"));
        upstream.stubFor(get(ACCOUNTS).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed twice"));
        upstream.stubFor(get(ACCOUNTS).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(okJson("[]")));

        dashboard("u-1").then()
                .statusCode(200)
                .body("sources.accounts.outcome", equalTo("ok"))
                .body("sources.accounts.attempts", equalTo(3));

        upstream.verify(3, getRequestedFor(urlEqualTo(ACCOUNTS)));
    }

    @Test
    void attemptHeaderCountsUp() {
        stubAllOk();
        upstream.stubFor(get(ACCOUNTS).inScenario("once").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed"));
        upstream.stubFor(get(ACCOUNTS).inScenario("once").whenScenarioStateIs("failed").willReturn(okJson("[]")));

        dashboard("u-1").then().statusCode(200);

        var requests = upstream.findAll(getRequestedFor(urlEqualTo(ACCOUNTS)));
        assertThat(requests).extracting(request -> request.getHeader("X-Gateway-Attempt")).containsExactly("1", "2");
        assertThat(requests.get(0).getHeader("X-Request-Id")).isNotBlank();
    }

    @Test
    void alwaysFailingSourceGives502() {
        stubAllOk();
        upstream.stubFor(get(ACCOUNTS).willReturn(aResponse().withStatus(503).withBody("<h1>down</h1>")));

        dashboard("u-1").then()
                .statusCode(502)
                .contentType("application/problem+json")
                .header("X-Aggregate-Complete", "false")
                .body("type", equalTo("/problems/sources-failed"))
                .body("title", equalTo("Required sources failed"))
                .body("status", equalTo(502))
                .body("detail", equalTo("Required sources of aggregate 'dashboard' failed: accounts"))
                .body("data.accounts", nullValue())
                .body("data.transactions.items", hasSize(1))
                .body("errors", hasSize(1))
                .body("errors[0].source", equalTo("accounts"))
                .body("errors[0].kind", equalTo("upstream_status"))
                .body("errors[0].status", equalTo(503))
                .body("errors[0].attempts", equalTo(4))
                .body("errors[0].message", equalTo("upstream returned HTTP 503"))
                .body("sources.accounts.outcome", equalTo("failed"))
                .body("sources.accounts.kind", equalTo("upstream_status"))
                .body("sources.accounts.attempts", equalTo(4));

        upstream.verify(4, getRequestedFor(urlEqualTo(ACCOUNTS)));
    }

    @Test
    void twoFailingSourcesAreBothListed() {
        stubAllOk();
        upstream.stubFor(get(BUDGETS).willReturn(aResponse().withStatus(500)));
        upstream.stubFor(get(TRANSACTIONS).willReturn(aResponse().withStatus(404).withFixedDelay(1_500)));

        dashboard("u-1").then()
                .statusCode(502)
                .body("detail", equalTo("Required sources of aggregate 'dashboard' failed: transactions"))
                .body("errors", hasSize(2))
                .body("errors.source", containsInAnyOrder("transactions", "budgets"))
                .body("errors.find { it.source == 'transactions' }.kind", equalTo("upstream_status"))
                .body("errors.find { it.source == 'transactions' }.status", equalTo(404))
                .body("errors.find { it.source == 'budgets' }.kind", equalTo("upstream_status"))
                .body("errors.find { it.source == 'budgets' }.status", equalTo(500))
                .body("errors.find { it.source == 'budgets' }.attempts", equalTo(4));
    }

    @Test
    void twoRequiredFailuresAreBothListed() {
        stubAllOk();
        upstream.stubFor(get(ACCOUNTS).willReturn(aResponse().withStatus(500)));
        upstream.stubFor(get(TRANSACTIONS).willReturn(aResponse().withStatus(502)));

        // Whichever required source fails first cancels the other, so the second is listed as failed or cancelled.
        dashboard("u-1").then()
                .statusCode(502)
                .body("errors", hasSize(2))
                .body("errors.source", containsInAnyOrder("accounts", "transactions"))
                .body("errors.kind", everyItem(in(List.of("upstream_status", "cancelled"))));
    }

    @Test
    void notFoundIsNotRetried() {
        stubAllOk();
        upstream.stubFor(get(ACCOUNTS).willReturn(aResponse().withStatus(404)));

        dashboard("u-1").then()
                .statusCode(502)
                .body("errors[0].kind", equalTo("upstream_status"))
                .body("errors[0].status", equalTo(404))
                .body("errors[0].attempts", equalTo(1));

        upstream.verify(1, getRequestedFor(urlEqualTo(ACCOUNTS)));
    }

    @Test
    void notImplementedIsNotRetried() {
        stubAllOk();
        upstream.stubFor(get(ACCOUNTS).willReturn(aResponse().withStatus(501)));

        dashboard("u-1").then().statusCode(502).body("errors[0].attempts", equalTo(1));

        upstream.verify(1, getRequestedFor(urlEqualTo(ACCOUNTS)));
    }

    @Test
    void hangingUpstreamHitsAttemptTimeout() {
        stubAllOk();
        upstream.stubFor(get(ACCOUNTS).willReturn(okJson("[]").withFixedDelay(2_000)));

        dashboard("u-1").then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/sources-timed-out"))
                .body("errors[0].source", equalTo("accounts"))
                .body("errors[0].kind", equalTo("timeout"))
                .body("errors[0].status", nullValue())
                .body("errors[0].attempts", equalTo(4));

        upstream.verify(4, getRequestedFor(urlEqualTo(ACCOUNTS)));
    }

    @Test
    void deadlineHolds() {
        stubAllOk();
        upstream.stubFor(get(TRANSACTIONS).willReturn(okJson("[]").withFixedDelay(10_000)));

        long start = System.nanoTime();
        Response response = dashboard("u-1");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        response.then()
                .statusCode(504)
                .body("errors[0].source", equalTo("transactions"))
                .body("errors[0].kind", equalTo("deadline_exceeded"))
                .body("errors[0].attempts", equalTo(2));
        assertThat(elapsed).isLessThan(Duration.ofMillis(3_000 + 1_500));
        Awaitility.await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                .until(() -> upstream.findAll(getRequestedFor(urlEqualTo(TRANSACTIONS))).size() == 2);
    }

    @Test
    void optionalSourceFailureKeeps200() {
        stubAllOk();
        upstream.stubFor(get(BUDGETS).willReturn(aResponse().withStatus(500)));

        dashboard("u-1").then()
                .statusCode(200)
                .contentType("application/json")
                .header("X-Aggregate-Complete", "false")
                .body("data.budgets", nullValue())
                .body("data.accounts", hasSize(1))
                .body("errors", hasSize(1))
                .body("errors[0].source", equalTo("budgets"))
                .body("errors[0].attempts", equalTo(4))
                .body("sources.budgets.required", equalTo(false));
    }

    @Test
    void htmlBodyIsInvalidResponse() {
        stubAllOk();
        upstream.stubFor(get(ACCOUNTS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>maintenance</body></html>")));

        dashboard("u-1").then()
                .statusCode(502)
                .body("errors[0].kind", equalTo("invalid_response"))
                .body("errors[0].status", equalTo(200))
                .body("errors[0].attempts", equalTo(1))
                .body("errors[0].message", startsWith("upstream body is not valid JSON at line 1, column"));

        upstream.verify(1, getRequestedFor(urlEqualTo(ACCOUNTS)));
    }

    @Test
    void brokenJsonIsInvalidResponse() {
        stubAllOk();
        upstream.stubFor(get(ACCOUNTS).willReturn(okJson("{\"balance\": 12")));

        dashboard("u-1").then().statusCode(502).body("errors[0].kind", equalTo("invalid_response"));
    }

    @Test
    void noContentGivesNullData() {
        stubAllOk();
        upstream.stubFor(get(ACCOUNTS).willReturn(aResponse().withStatus(204)));

        dashboard("u-1").then()
                .statusCode(200)
                .header("X-Aggregate-Complete", "true")
                .body("data.accounts", nullValue())
                .body("sources.accounts.outcome", equalTo("ok"))
                .body("sources.accounts.status", equalTo(204));
    }

    @Test
    void requiredFailureCancelsSiblingsInFlight() {
        stubAllOk();
        upstream.stubFor(get(ACCOUNTS).willReturn(aResponse().withStatus(404)));
        upstream.stubFor(get(TRANSACTIONS).willReturn(okJson("[]").withFixedDelay(2_500)));

        long start = System.nanoTime();
        Response response = dashboard("u-1");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        response.then()
                .statusCode(502)
                .body("detail", equalTo("Required sources of aggregate 'dashboard' failed: accounts"))
                .body("sources.transactions.kind", equalTo("cancelled"))
                .body("sources.transactions.attempts", equalTo(1))
                .body("errors.find { it.source == 'transactions' }.kind", equalTo("cancelled"));
        assertThat(elapsed).isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void redirectIsNotFollowed() {
        stubAllOk();
        upstream.stubFor(get(ACCOUNTS).willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));

        dashboard("u-1").then()
                .statusCode(502)
                .body("errors[0].status", equalTo(302))
                .body("errors[0].attempts", equalTo(1));

        upstream.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void missingUserIdIs400() {
        given().when().get("/aggregates/dashboard").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-parameter"))
                .body("parameter", equalTo("userId"))
                .body("detail", equalTo("query parameter 'userId' is required"));
    }

    @Test
    void blankUserIdIs400() {
        for (String blank : new String[] { "", "   " }) {
            dashboard(blank).then()
                    .statusCode(400)
                    .body("parameter", equalTo("userId"))
                    .body("detail", equalTo("query parameter 'userId' must not be blank"));
        }
        upstream.verify(0, getRequestedFor(urlPathMatching("/users/.*")));
    }

    @Test
    void dotSegmentsAre400() {
        for (String dots : new String[] { ".", ".." }) {
            dashboard(dots).then()
                    .statusCode(400)
                    .body("parameter", equalTo("userId"))
                    .body("value", equalTo(dots));
        }
        upstream.verify(0, getRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void userIdIsEncodedIntoOnePathSegment() {
        upstream.stubFor(get(urlPathMatching("/users/.*")).willReturn(okJson("{}")));

        dashboard("a/b").then().statusCode(200);
        dashboard("a b").then().statusCode(200);
        dashboard("%2F").then().statusCode(200);
        dashboard("ü-1").then().statusCode(200);
        dashboard("../admin").then().statusCode(200);

        upstream.verify(getRequestedFor(urlEqualTo("/users/a%2Fb/accounts")));
        upstream.verify(getRequestedFor(urlEqualTo("/users/a%20b/accounts")));
        upstream.verify(getRequestedFor(urlEqualTo("/users/%252F/accounts")));
        upstream.verify(getRequestedFor(urlEqualTo("/users/%C3%BC-1/accounts")));
        upstream.verify(getRequestedFor(urlEqualTo("/users/..%2Fadmin/accounts")));
    }

    @Test
    void otherMethodsAre405Problems() {
        given().when().post("/aggregates/dashboard").then()
                .statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", "GET")
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue())
                .body("status", equalTo(405));
    }

    @Test
    void unknownPathIs404Problem() {
        given().when().get("/aggregates/").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", startsWith("No such resource"));
    }

    @Test
    void unknownAggregateIs404() {
        given().when().get("/aggregates/nope").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/aggregate-not-found"))
                .body("detail", startsWith("No aggregate named 'nope'"));
    }

    @Test
    void retriedStatusesOpenTheBreaker() {
        stubAllOk();
        upstream.stubFor(get(ACCOUNTS).willReturn(aResponse().withStatus(503)));

        int requestsUntilOpen = 0;
        String kind = "upstream_status";
        while (kind.equals("upstream_status") && requestsUntilOpen < 20) {
            kind = dashboard("u-1").then().statusCode(502).extract().path("errors[0].kind");
            requestsUntilOpen++;
        }

        // 50 attempts, 4 per request, fill the breaker's window during the 13th request.
        assertThat(kind).isEqualTo("circuit_open");
        assertThat(requestsUntilOpen).isEqualTo(13);
        assertThat(breakers.currentState("accounts")).isEqualTo(io.smallrye.faulttolerance.api.CircuitBreakerState.OPEN);
        dashboard("u-1").then()
                .statusCode(502)
                .body("errors[0].kind", equalTo("circuit_open"))
                .body("errors[0].attempts", equalTo(0));
    }

    @Test
    void finalStatusesKeepTheBreakerClosed() {
        stubAllOk();
        upstream.stubFor(get(ACCOUNTS).willReturn(aResponse().withStatus(404)));

        for (int i = 0; i < 60; i++) {
            dashboard("u-1").then().statusCode(502);
        }

        assertThat(breakers.currentState("accounts"))
                .isEqualTo(io.smallrye.faulttolerance.api.CircuitBreakerState.CLOSED);
    }
}
