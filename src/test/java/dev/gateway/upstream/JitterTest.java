package dev.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JitterTest {

    private static final double LOWEST_RANDOM = 0.0;
    private static final double HIGHEST_RANDOM = 0.999999;

    @Test
    void fullJitterSpansZeroToBackoff() {
        assertThat(Jitter.FULL.apply(1_000, LOWEST_RANDOM)).isZero();
        assertThat(Jitter.FULL.apply(1_000, 0.5)).isEqualTo(500);
        assertThat(Jitter.FULL.apply(1_000, HIGHEST_RANDOM)).isEqualTo(1_000);
    }

    @Test
    void equalJitterSpansHalfBackoffToBackoff() {
        assertThat(Jitter.EQUAL.apply(1_000, LOWEST_RANDOM)).isEqualTo(500);
        assertThat(Jitter.EQUAL.apply(1_000, 0.5)).isEqualTo(750);
        assertThat(Jitter.EQUAL.apply(1_000, HIGHEST_RANDOM)).isEqualTo(1_000);
    }

    @Test
    void equalJitterWithOddBackoffStaysInRange() {
        assertThat(Jitter.EQUAL.apply(1_001, LOWEST_RANDOM)).isEqualTo(500);
        assertThat(Jitter.EQUAL.apply(1_001, HIGHEST_RANDOM)).isEqualTo(1_001);
    }

    @Test
    void noJitterReturnsBackoff() {
        assertThat(Jitter.NONE.apply(1_000, LOWEST_RANDOM)).isEqualTo(1_000);
        assertThat(Jitter.NONE.apply(1_000, 0.5)).isEqualTo(1_000);
        assertThat(Jitter.NONE.apply(1_000, HIGHEST_RANDOM)).isEqualTo(1_000);
    }

    @Test
    void jitterOfZeroBackoffIsZero() {
        for (Jitter jitter : Jitter.values()) {
            assertThat(jitter.apply(0, HIGHEST_RANDOM)).as(jitter.name()).isZero();
        }
    }

    @Test
    void parseAcceptsLowerCaseNames() {
        assertThat(Jitter.parse("full")).contains(Jitter.FULL);
        assertThat(Jitter.parse("equal")).contains(Jitter.EQUAL);
        assertThat(Jitter.parse("none")).contains(Jitter.NONE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "FULL", "Equal", "random", " full", "full " })
    void parseRejectsOtherNames(String value) {
        assertThat(Jitter.parse(value)).isEmpty();
    }
}
