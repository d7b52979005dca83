package dev.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.gateway.support.GatewayProcess;

/**
 * A 50 MiB upstream body against a gateway with a 64 MiB heap: the body is refused as {@code response_too_large}
 * without being held in memory, and the gateway keeps serving. The upstream generates the body as it writes it, so
 * neither side keeps 50 MiB in memory.
 */
class LargeBodyIT {

    private static final long FIFTY_MIB = 50L * 1024 * 1024;

    private static HttpServer upstream;
    private static GatewayProcess gateway;

    @BeforeAll
    static void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/chunked", exchange -> stream(exchange, 0));
        upstream.createContext("/declared", exchange -> stream(exchange, FIFTY_MIB));
        upstream.createContext("/small", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
        gateway = GatewayProcess.start(List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"), Map.of(
                "GATEWAY_AGGREGATES_BIG_SOURCES_CHUNKED_URL", base + "/chunked",
                "GATEWAY_AGGREGATES_BIG_SOURCES_CHUNKED_MAX_BODY_SIZE", "1M",
                "GATEWAY_AGGREGATES_BIG_SOURCES_SMALL_URL", base + "/small",
                "GATEWAY_AGGREGATES_BIG_SOURCES_SMALL_REQUIRED", "false",
                "GATEWAY_AGGREGATES_DECLARED_SOURCES_BODY_URL", base + "/declared",
                "GATEWAY_AGGREGATES_DECLARED_SOURCES_BODY_MAX_BODY_SIZE", "1M"));
    }

    private static void stream(HttpExchange exchange, long declaredLength) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, declaredLength);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        try (OutputStream body = exchange.getResponseBody()) {
            body.write('[');
            for (long written = 1; written < FIFTY_MIB; written += chunk.length) {
                body.write(chunk, 0, (int) Math.min(chunk.length, FIFTY_MIB - written));
            }
        } catch (IOException e) {
            // The gateway resets the connection once the body passes its limit.
        } finally {
            exchange.close();
        }
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.stop(0);
    }

    @Test
    void streamedBodyOverTheLimitIsRejected() {
        for (int i = 0; i < 3; i++) {
            given().baseUri(gateway.baseUrl()).when().get("/aggregates/big").then()
                    .statusCode(502)
                    .body("errors[0].source", equalTo("chunked"))
                    .body("errors[0].kind", equalTo("response_too_large"))
                    .body("errors[0].attempts", equalTo(1))
                    .body("errors[0].message", startsWith("response body exceeds max-body-size of 1048576 bytes"));
        }

        assertThat(gateway.isAlive()).isTrue();
    }

    @Test
    void declaredLengthOverLimitIsRejected() {
        given().baseUri(gateway.baseUrl()).when().get("/aggregates/declared").then()
                .statusCode(502)
                .body("errors[0].kind", equalTo("response_too_large"))
                .body("errors[0].message", equalTo(
                        "response body exceeds max-body-size of 1048576 bytes (Content-Length 52428800)"));

        assertThat(gateway.isAlive()).isTrue();
    }
}
