package dev.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    private static final String PRINTABLE_ASCII = "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            + "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    private static void assertIsGeneratedUuid(String id, String incoming) {
        assertThat(id).isNotEqualTo(incoming);
        assertThat(id).hasSize(36);
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = { "a", "req-123", "3f2b9c1e-0d4a-4e5b-9a7c-1b2c3d4e5f60", PRINTABLE_ASCII })
    void keepOrGenerateKeepsValidId(String incoming) {
        assertThat(RequestIds.keepOrGenerate(incoming)).isSameAs(incoming);
    }

    @Test
    void keepOrGenerateKeepsIdOfMaxLength() {
        String incoming = "x".repeat(128);

        assertThat(RequestIds.keepOrGenerate(incoming)).isSameAs(incoming);
    }

    @Test
    void keepOrGenerateReplacesTooLongId() {
        String incoming = "x".repeat(129);

        assertIsGeneratedUuid(RequestIds.keepOrGenerate(incoming), incoming);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "a b", " ", "a\tb", "a\nb", "caf\u00e9", "\u65e5\u672c", "a\u007fb", "a\u0000b" })
    void keepOrGenerateReplacesInvalidId(String incoming) {
        assertIsGeneratedUuid(RequestIds.keepOrGenerate(incoming), incoming);
    }

    @Test
    void keepOrGenerateGeneratesDistinctIds() {
        String first = RequestIds.keepOrGenerate(null);
        String second = RequestIds.keepOrGenerate(null);

        assertThat(first).isNotEqualTo(second);
    }
}
