package dev.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AggregateResultTest {

    private static SourceResult ok(String source, boolean required) {
        return new SourceResult(source, required, null, null, 200, null, 1, 5, List.of());
    }

    private static SourceResult failed(String source, boolean required, ErrorKind kind) {
        return new SourceResult(source, required, null, kind, null, kind.wireName(), 1, 5, List.of());
    }

    private static AggregateResult resultOf(SourceResult... results) {
        return new AggregateResult("dashboard", List.of(results));
    }

    @Test
    void allSourcesOkIsCompleteWith200() {
        AggregateResult result = resultOf(ok("accounts", true), ok("budgets", false));

        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.complete()).isTrue();
        assertThat(result.failedRequired()).isEmpty();
    }

    @Test
    void optionalFailureStillGives200() {
        AggregateResult result = resultOf(ok("accounts", true), failed("budgets", false, ErrorKind.CONNECT_ERROR));

        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.complete()).isFalse();
        assertThat(result.failedRequired()).isEmpty();
    }

    @Test
    void requiredTimeoutsGive504() {
        AggregateResult result = resultOf(failed("accounts", true, ErrorKind.TIMEOUT),
                failed("transactions", true, ErrorKind.DEADLINE_EXCEEDED), ok("budgets", false));

        assertThat(result.httpStatus()).isEqualTo(504);
    }

    @Test
    void requiredTimeoutWithOptionalErrorGives504() {
        AggregateResult result = resultOf(failed("accounts", true, ErrorKind.TIMEOUT),
                failed("budgets", false, ErrorKind.CONNECT_ERROR));

        assertThat(result.httpStatus()).isEqualTo(504);
    }

    @Test
    void requiredTimeoutAndOtherErrorGive502() {
        AggregateResult result = resultOf(failed("accounts", true, ErrorKind.TIMEOUT),
                failed("transactions", true, ErrorKind.CONNECT_ERROR));

        assertThat(result.httpStatus()).isEqualTo(502);
    }

    @Test
    void eachNonTimeoutKindGives502() {
        for (ErrorKind kind : ErrorKind.values()) {
            if (kind.isTimeout() || kind == ErrorKind.CANCELLED) {
                continue;
            }
            AggregateResult result = resultOf(failed("accounts", true, kind));

            assertThat(result.httpStatus()).as(kind.name()).isEqualTo(502);
        }
    }

    @Test
    void failedRequiredLeavesOutCancelledAndOptional() {
        SourceResult timedOut = failed("accounts", true, ErrorKind.TIMEOUT);
        AggregateResult result = resultOf(timedOut, failed("transactions", true, ErrorKind.CANCELLED),
                failed("budgets", false, ErrorKind.UPSTREAM_STATUS), ok("profile", true));

        assertThat(result.failedRequired()).containsExactly(timedOut);
        assertThat(result.httpStatus()).isEqualTo(504);
    }

    @Test
    void failedRequiredKeepsDeclarationOrder() {
        SourceResult first = failed("accounts", true, ErrorKind.UPSTREAM_STATUS);
        SourceResult second = failed("transactions", true, ErrorKind.TIMEOUT);
        AggregateResult result = resultOf(first, ok("budgets", true), second);

        assertThat(result.failedRequired()).containsExactly(first, second);
        assertThat(result.httpStatus()).isEqualTo(502);
    }

    @Test
    void resultsAreCopied() {
        List<SourceResult> results = new ArrayList<>(List.of(ok("accounts", true)));
        AggregateResult result = new AggregateResult("dashboard", results);

        results.add(failed("transactions", true, ErrorKind.CONNECT_ERROR));

        assertThat(result.results()).hasSize(1);
        assertThat(result.httpStatus()).isEqualTo(200);
    }
}
