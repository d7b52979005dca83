package dev.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

class JsonBodiesTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectReader reader = JsonBodies.reader(mapper);

    private JsonNode parse(String body) {
        return JsonBodies.parse(reader, body.getBytes(StandardCharsets.UTF_8), 200, "application/json");
    }

    private String roundTrip(String body) throws Exception {
        return mapper.writeValueAsString(parse(body));
    }

    @Test
    void decimalsKeepEveryDigit() throws Exception {
        assertThat(roundTrip("{\"amount\":0.10000000000000000000001}"))
                .isEqualTo("{\"amount\":0.10000000000000000000001}");
        assertThat(roundTrip("[19.99,-3.50]")).isEqualTo("[19.99,-3.50]");
    }

    @Test
    void hugeNumbersStayNumbers() throws Exception {
        assertThat(roundTrip("[1.5e400]")).isEqualTo("[1.5E+400]");
        assertThat(roundTrip("[123456789012345678901234567890]")).isEqualTo("[123456789012345678901234567890]");
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        String nested = "[".repeat(JsonBodies.MAX_NESTING_DEPTH) + "]".repeat(JsonBodies.MAX_NESTING_DEPTH);

        assertThat(parse(nested).isArray()).isTrue();
    }

    @Test
    void deeperNestingIsInvalidResponse() {
        String nested = "[".repeat(999) + "]".repeat(999);

        assertThatThrownBy(() -> parse(nested))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID_RESPONSE);
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.getMessage()).startsWith("upstream body exceeds a JSON parsing limit")
                            .contains("500");
                });
    }

    @Test
    void blankBodyIsNull() {
        assertThat(parse(" \n\t")).isNull();
        assertThat(parse("")).isNull();
    }

    @Test
    void trailingTokensAreInvalid() {
        assertThatThrownBy(() -> parse("{} {}"))
                .isInstanceOfSatisfying(SourceFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID_RESPONSE));
    }

    @Test
    void outOfRangeExponentIsInvalidResponse() {
        assertThatThrownBy(() -> parse("[1e2147483648]"))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID_RESPONSE);
                    assertThat(failure.getMessage()).doesNotContain("2147483648");
                });
    }
}
