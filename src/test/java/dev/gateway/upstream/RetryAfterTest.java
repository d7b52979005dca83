package dev.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    /** A Wednesday, so that the HTTP dates below carry the matching day name. */
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "0|0", "2|2", "120|120", "' 3 '|3", "007|7", "999999999|999999999" })
    void parseReadsDeltaSeconds(String header, long expectedSeconds) {
        assertThat(RetryAfter.parse(header, NOW)).contains(Duration.ofSeconds(expectedSeconds));
    }

    @Test
    void parseReadsHttpDateInTheFuture() {
        assertThat(RetryAfter.parse("Wed, 01 May 2024 12:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void parseReadsHttpDateAtNowAsZero() {
        assertThat(RetryAfter.parse("Wed, 01 May 2024 12:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void parseReadsPastHttpDateAsZero() {
        assertThat(RetryAfter.parse("Wed, 01 May 2024 11:59:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "   ", "-1", "+5", "1.5", "abc", "9999999999", "2024-05-01T12:00:30Z",
            "Thu, 01 May 2024 12:00:30 GMT" })
    void parseIgnoresInvalidValues(String header) {
        assertThat(RetryAfter.parse(header, NOW)).isEmpty();
    }

    @Test
    void obsoleteDateFormsAreRead() {
        Instant now = Instant.parse("1994-11-06T08:49:30Z");

        assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Sun Nov  6 08:49:37 1994", now)).contains(Duration.ofSeconds(7));
    }
}
