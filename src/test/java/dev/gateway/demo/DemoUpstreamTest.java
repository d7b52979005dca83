package dev.gateway.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(DemoUpstreamTest.ShortLatency.class)
class DemoUpstreamTest {

    /** A 1 ms latency draws a delay of 0 for about every other response, which must not fail. */
    public static class ShortLatency implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.demo.latency", "1ms", "gateway.demo.failure-ratio", "0");
        }
    }

    @Test
    void everyAnswerSucceedsWithShortLatency() {
        for (int i = 0; i < 40; i++) {
            int status = given().header("X-Gateway-Attempt", "1").when().get("/demo/users/u-" + i + "/accounts")
                    .then().extract().statusCode();

            assertThat(status).isEqualTo(200);
        }
    }

    @Test
    void sameUserGetsSameData() {
        String first = given().when().get("/demo/users/u-1/budgets").then().statusCode(200).extract().asString();
        String second = given().when().get("/demo/users/u-1/budgets").then().statusCode(200).extract().asString();

        assertThat(second).isEqualTo(first);
    }
}
