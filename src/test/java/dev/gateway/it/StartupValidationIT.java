package dev.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gateway.support.GatewayProcess;

/**
 * Starts the packaged gateway with broken configurations and checks that it refuses to start, naming each problem.
 */
class StartupValidationIT {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    private static final String BAD = "-Dgateway.aggregates.bad.sources.";

    @Test
    void everyProblemIsListedInOneMessage() {
        List<String> options = List.of(
                "-Dgateway.defaults.retry.max-retrys=3",
                BAD + "scheme.url=ftp://files.example/{id}",
                BAD + "name.url=http://h1.example/{1d}",
                BAD + "host.url=http://{host}/x",
                BAD + "port.url=http://h2.example:{port}/x",
                BAD + "broken.url=http://h3.example/a b",
                BAD + "range.url=http://h3.example:99999/x",
                BAD + "negative.url=http://h4.example/x",
                BAD + "negative.retry.max-retries=-1",
                BAD + "below.url=http://h5.example/x",
                BAD + "below.retry.max-delay=10ms",
                BAD + "jitter.url=http://h6.example/x",
                BAD + "jitter.retry.jitter=wild",
                BAD + "status.url=http://h7.example/x",
                BAD + "status.retry.on-status=503,700",
                BAD + "ratio.url=http://h8.example/x",
                BAD + "ratio.circuit-breaker.failure-ratio=1.5",
                BAD + "volume.url=http://h11.example/x",
                BAD + "volume.circuit-breaker.request-volume-threshold=2147483647",
                BAD + "nourl.required=false",
                BAD + "typo.url=http://h12.example/x",
                BAD + "typo.required=ture",
                BAD + "queue.url=http://h13.example/x",
                BAD + "queue.bulkhead.queue-size=3",
                BAD + "header.url=http://h9.example/x",
                BAD + "header.headers.Host=evil",
                BAD + "timeout.url=http://h10.example/x",
                BAD + "timeout.timeout=0s",
                BAD + "first.url=http://shared.example/a",
                BAD + "second.url=http://shared.example/b",
                BAD + "second.circuit-breaker.delay=1s",
                "-Dgateway.aggregates.dashboard.sources.accounts.timeout=1s",
                "-Dgateway.aggregates.slow.timeout=2h",
                "-Dgateway.aggregates.slow.sources.a.url=http://h14.example/x",
                "-Dgateway.http.max-connections-per-upstream=0",
                "-Dgateway.http.connect-timeout=9999999999999h",
                "-Dgateway.demo.failure-ratio=2",
                "-Dgateway.aggregates.empty.timeout=1s");
        List<String> expected = List.of(
                "gateway.defaults.retry.max-retrys: unknown key",
                "gateway.aggregates.bad.sources.scheme.url: 'ftp://files.example/{id}' must start with http://"
                        + " or https://",
                "gateway.aggregates.bad.sources.name.url: placeholder '{1d}' has an invalid name",
                "gateway.aggregates.bad.sources.host.url: 'http://{host}/x' has a placeholder in its scheme, host or"
                        + " port",
                "gateway.aggregates.bad.sources.port.url: 'http://h2.example:{port}/x' has a placeholder in its"
                        + " scheme, host or port",
                "gateway.aggregates.bad.sources.broken.url: 'http://h3.example/a b' is not a valid URL",
                "gateway.aggregates.bad.sources.range.url: 'http://h3.example:99999/x' has port 99999",
                "gateway.aggregates.bad.sources.negative.retry.max-retries: -1 is negative",
                "gateway.aggregates.bad.sources.below.retry.max-delay: 10ms is below delay 100ms",
                "gateway.aggregates.bad.sources.jitter.retry.jitter: 'wild' is not a jitter mode; use full, equal"
                        + " or none",
                "gateway.aggregates.bad.sources.status.retry.on-status: 700 is not an error status",
                "gateway.aggregates.bad.sources.ratio.circuit-breaker.failure-ratio: 1.5 must be above 0 and at"
                        + " most 1",
                "gateway.aggregates.bad.sources.volume.circuit-breaker.request-volume-threshold: 2147483647 must be"
                        + " from 1 to 10000",
                "gateway.aggregates.bad.sources.nourl.url: missing",
                "gateway.aggregates.bad.sources.typo.required: 'ture' is not a boolean; use true or false",
                "gateway.aggregates.bad.sources.queue.bulkhead.queue-size: is set, but there is no bulkhead without"
                        + " gateway.aggregates.bad.sources.queue.bulkhead.limit",
                "gateway.aggregates.bad.sources.header.headers: 'Host' is set by the HTTP client",
                "gateway.aggregates.bad.sources.timeout.timeout: 0ms must be positive",
                "gateway.aggregates.bad.sources.second calls http://shared.example:80 like"
                        + " gateway.aggregates.bad.sources.first but sets a different circuit-breaker",
                "gateway.aggregates.dashboard.sources.accounts.timeout: source is declared in Java, so only"
                        + " gateway.aggregates.dashboard.sources.accounts.required applies",
                "gateway.aggregates.slow.timeout: 7200000ms must be positive and at most 1h",
                "gateway.http.max-connections-per-upstream: 0 must be from 1 to 10000",
                "gateway.http.connect-timeout: 416666666666d must be positive and at most 1h",
                "gateway.demo.failure-ratio: 2.0 must be from 0 to 1",
                "gateway.aggregates.empty: aggregate 'empty' has no sources");

        GatewayProcess gateway = GatewayProcess.runToExit(options, Map.of(), EXIT_TIMEOUT);
        String output = gateway.output();

        assertThat(gateway.exitCode()).isNotZero();
        assertThat(output).contains("Invalid gateway configuration (" + expected.size() + " problems):");
        for (String problem : expected) {
            assertThat(output).contains("  - " + problem);
        }
        assertThat(output).doesNotContain("Listening on");
    }

    @Test
    void badDefaultIsReportedOnce() {
        GatewayProcess gateway = GatewayProcess.runToExit(List.of(
                "-Dgateway.defaults.retry.factor=0.5",
                "-Dgateway.aggregates.pair.sources.a.url=http://h1.example/x",
                "-Dgateway.aggregates.pair.sources.b.url=http://h2.example/x",
                "-Dgateway.aggregates.pair.sources.b.retry.factor=0.7"), Map.of(), EXIT_TIMEOUT);
        String output = gateway.output();

        assertThat(gateway.exitCode()).isNotZero();
        assertThat(output).contains("Invalid gateway configuration (2 problems):");
        assertThat(output).contains("  - gateway.defaults.retry.factor: 0.5 must be a number of at least 1");
        assertThat(output).contains("  - gateway.aggregates.pair.sources.b.retry.factor: 0.7 must be a number of at"
                + " least 1");
    }

    @Test
    void valueOfTheWrongTypeNamesItsKey() {
        GatewayProcess gateway = GatewayProcess.runToExit(List.of(
                "-Dgateway.aggregates.typed.sources.a.url=http://h.example/x",
                "-Dgateway.aggregates.typed.sources.a.timeout=soon"), Map.of(), EXIT_TIMEOUT);

        assertThat(gateway.exitCode()).isNotZero();
        assertThat(gateway.output()).contains("gateway.aggregates.typed.sources.a.timeout").contains("soon");
    }

    @Test
    void invalidEnvironmentVariableIsNamed() {
        GatewayProcess gateway = GatewayProcess.runToExit(List.of(), Map.of(
                "GATEWAY_AGGREGATES_ENVBAD_SOURCES_A_URL", "not a url",
                "GATEWAY_AGGREGATES_ENVBAD_SOURCES_A_RETRY_MAX_RETRIES", "-2"), EXIT_TIMEOUT);

        assertThat(gateway.exitCode()).isNotZero();
        assertThat(gateway.output())
                .contains("gateway.aggregates.envbad.sources.a.url: 'not a url' is not a valid URL")
                .contains("gateway.aggregates.envbad.sources.a.retry.max-retries: -2 is negative");
    }
}
