package dev.gateway.upstream;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses an HTTP {@code Retry-After} header (RFC 9110, section 10.2.3): delta-seconds or an HTTP date, in the
 * preferred IMF-fixdate form or the obsolete RFC 850 and asctime forms that recipients must still accept.
 * <p>
 * Anything else is ignored: negative or fractional numbers, text, and values of more than
 * {@value #MAX_DIGITS} digits. A date in the past means no wait.
 */
public final class RetryAfter {

    /** More digits than this is not a plausible delay and is treated as garbage rather than capped. */
    static final int MAX_DIGITS = 9;

    /** RFC 850 dates, such as {@code Sunday, 06-Nov-94 08:49:37 GMT}; two-digit years are read as 1970 to 2069. */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.US)
            .withZone(ZoneOffset.UTC);

    /** C asctime dates, such as {@code Sun Nov  6 08:49:37 1994}, always in GMT. */
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US)
            .withZone(ZoneOffset.UTC);

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return value.length() > MAX_DIGITS ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        for (DateTimeFormatter format : new DateTimeFormatter[] { DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850,
                ASCTIME }) {
            try {
                Instant at = ZonedDateTime.parse(value, format).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException e) {
                // Try the next form.
            }
        }
        return Optional.empty();
    }
}
