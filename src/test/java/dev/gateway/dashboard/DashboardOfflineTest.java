package dev.gateway.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.gateway.support.ClosedPort;
import dev.gateway.support.WireMockUpstreams;
import dev.gateway.support.WireMockUpstreams.InjectUpstream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@WithTestResource(WireMockUpstreams.class)
@TestProfile(DashboardOfflineTest.AccountsOffline.class)
class DashboardOfflineTest {

    /** Points the accounts client at a port where nothing listens. */
    public static class AccountsOffline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.accounts.url", "http://127.0.0.1:" + ClosedPort.find());
        }
    }

    @InjectUpstream
    WireMockServer upstream;

    @Test
    void connectionRefusedIsRetriedThenReported() {
        upstream.stubFor(get(urlPathMatching("/users/u-1/.*")).willReturn(okJson("{}")));

        given().queryParam("userId", "u-1").when().get("/aggregates/dashboard").then()
                .statusCode(502)
                .body("errors[0].source", equalTo("accounts"))
                .body("errors[0].kind", equalTo("connect_error"))
                .body("errors[0].status", equalTo(null))
                .body("errors[0].attempts", equalTo(4))
                .body("errors[0].message", startsWith("connection failed: "));
    }
}
