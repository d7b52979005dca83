package dev.gateway.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.gateway.support.WireMockUpstreams;
import dev.gateway.support.WireMockUpstreams.InjectUpstream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged artifact (the jar here, the native executable where one is built) against WireMock, which runs in the
 * test JVM and so in another process than the gateway.
 */
@QuarkusIntegrationTest
@WithTestResource(WireMockUpstreams.class)
class DashboardIT {

    private static final String ACCOUNTS = "/users/u-7/accounts";

    @InjectUpstream
    WireMockServer upstream;

    @BeforeEach
    void stubOthers() {
        upstream.resetAll();
        upstream.stubFor(get("/users/u-7/transactions").willReturn(okJson("[{\"amount\":-12.5}]")));
        upstream.stubFor(get("/users/u-7/budgets").willReturn(okJson("{\"groceries\":300}")));
    }

    @Test
    void upstreamJsonIsReturned() {
        upstream.stubFor(get(ACCOUNTS).willReturn(okJson("[{\"id\":\"acc-1\"}]")));

        given().queryParam("userId", "u-7").when().get("/aggregates/dashboard").then()
                .statusCode(200)
                .body("data.accounts[0].id", equalTo("acc-1"))
                .body("data.transactions[0].amount", equalTo(-12.5f))
                .body("data.budgets.groceries", equalTo(300));
    }

    @Test
    void twoFailuresThenSuccessTakesThreeAttempts() {
        upstream.stubFor(get(ACCOUNTS).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("one"));
        upstream.stubFor(get(ACCOUNTS).inScenario("flaky").whenScenarioStateIs("one")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("two"));
        upstream.stubFor(get(ACCOUNTS).inScenario("flaky").whenScenarioStateIs("two")
                .willReturn(okJson("[]")));

        given().queryParam("userId", "u-7").when().get("/aggregates/dashboard").then()
                .statusCode(200)
                .body("sources.accounts.attempts", equalTo(3));

        upstream.verify(3, getRequestedFor(urlEqualTo(ACCOUNTS)));
    }

    @Test
    void alwaysFailingUpstreamGives502WithinTheDeadline() {
        upstream.stubFor(get(ACCOUNTS).willReturn(aResponse().withStatus(503)));

        long start = System.nanoTime();
        given().queryParam("userId", "u-7").when().get("/aggregates/dashboard").then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("errors[0].source", equalTo("accounts"))
                .body("errors[0].attempts", equalTo(4));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).isLessThan(Duration.ofSeconds(3 + 2));
        upstream.verify(4, getRequestedFor(urlEqualTo(ACCOUNTS)));
    }
}
