package dev.gateway.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.gateway.support.GatewayProcess;

/**
 * Adds an aggregate over two upstreams, each with its own policy, to the packaged jar with environment variables
 * alone, as a container platform would.
 */
class EnvironmentConfigIT {

    private static WireMockServer prices;
    private static WireMockServer holdings;
    private static GatewayProcess gateway;

    @BeforeAll
    static void start() {
        holdings = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        prices = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        holdings.start();
        prices.start();
        gateway = GatewayProcess.start(List.of(), Map.of(
                "GATEWAY_AGGREGATES_PORTFOLIO_TIMEOUT", "4s",
                "GATEWAY_AGGREGATES_PORTFOLIO_SOURCES_HOLDINGS_URL",
                "http://127.0.0.1:" + holdings.port() + "/accounts/{accountId}/holdings",
                "GATEWAY_AGGREGATES_PORTFOLIO_SOURCES_HOLDINGS_RETRY_MAX_RETRIES", "1",
                "GATEWAY_AGGREGATES_PORTFOLIO_SOURCES_HOLDINGS_RETRY_DELAY", "10ms",
                "GATEWAY_AGGREGATES_PORTFOLIO_SOURCES_PRICES_URL",
                "http://127.0.0.1:" + prices.port() + "/prices?currency={currency}",
                "GATEWAY_AGGREGATES_PORTFOLIO_SOURCES_PRICES_REQUIRED", "false",
                "GATEWAY_AGGREGATES_PORTFOLIO_SOURCES_PRICES_RETRY_MAX_RETRIES", "3",
                "GATEWAY_AGGREGATES_PORTFOLIO_SOURCES_PRICES_RETRY_DELAY", "10ms",
                "GATEWAY_AGGREGATES_PORTFOLIO_SOURCES_PRICES_RETRY_ON_STATUS", "500",
                "GATEWAY_DEMO_ENABLED", "false"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        holdings.stop();
        prices.stop();
    }

    private static io.restassured.response.Response portfolio() {
        return given().baseUri(gateway.baseUrl()).queryParam("accountId", "acc-9").queryParam("currency", "EUR")
                .when().get("/aggregates/portfolio");
    }

    @Test
    void aggregateFromEnvironmentIsServed() {
        holdings.resetAll();
        prices.resetAll();
        holdings.stubFor(get("/accounts/acc-9/holdings").willReturn(okJson("[{\"isin\":\"X1\"}]")));
        prices.stubFor(get("/prices?currency=EUR").willReturn(okJson("{\"X1\":101.5}")));

        portfolio().then()
                .statusCode(200)
                .body("data.holdings[0].isin", equalTo("X1"))
                .body("data.prices.X1", equalTo(101.5f))
                .body("sources.prices.required", equalTo(false));
    }

    @Test
    void eachSourceRetriesByItsOwnPolicy() {
        holdings.resetAll();
        prices.resetAll();
        holdings.stubFor(get("/accounts/acc-9/holdings").willReturn(okJson("[]")));
        prices.stubFor(get("/prices?currency=EUR").willReturn(aResponse().withStatus(500)));

        portfolio().then()
                .statusCode(200)
                .header("X-Aggregate-Complete", "false")
                .body("errors[0].source", equalTo("prices"))
                .body("errors[0].attempts", equalTo(4));
        prices.verify(4, getRequestedFor(urlEqualTo("/prices?currency=EUR")));

        prices.resetAll();
        holdings.resetAll();
        prices.stubFor(get("/prices?currency=EUR").willReturn(okJson("{}")));
        holdings.stubFor(get("/accounts/acc-9/holdings").willReturn(aResponse().withStatus(503)));

        portfolio().then()
                .statusCode(502)
                .body("errors[0].source", equalTo("holdings"))
                .body("errors[0].attempts", equalTo(2));
        holdings.verify(2, getRequestedFor(urlEqualTo("/accounts/acc-9/holdings")));
    }

    @Test
    void onStatusFromEnvironmentIsApplied() {
        holdings.resetAll();
        prices.resetAll();
        holdings.stubFor(get("/accounts/acc-9/holdings").willReturn(okJson("[]")));
        prices.stubFor(get("/prices?currency=EUR").willReturn(aResponse().withStatus(503)));

        portfolio().then().statusCode(200).body("errors[0].attempts", equalTo(1));
    }

    @Test
    void demoIsSwitchedOff() {
        given().baseUri(gateway.baseUrl()).when().get("/demo/users/u-1/accounts").then().statusCode(404);
    }
}
