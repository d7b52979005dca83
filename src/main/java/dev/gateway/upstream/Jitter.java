package dev.gateway.upstream;

import java.util.Locale;
import java.util.Optional;

/**
 * The randomisation of a backoff delay, so that clients that failed together do not retry together.
 */
public enum Jitter {
    /** Uniform in [0, backoff]. */
    FULL,
    /** Uniform in [backoff / 2, backoff]. */
    EQUAL,
    /** The backoff itself. */
    NONE;

    public static Optional<Jitter> parse(String value) {
        for (Jitter jitter : values()) {
            if (jitter.name().toLowerCase(Locale.ROOT).equals(value)) {
                return Optional.of(jitter);
            }
        }
        return Optional.empty();
    }

    /** Applies this jitter to {@code backoffMillis}, with {@code random} uniform in [0, 1). */
    public long apply(long backoffMillis, double random) {
        return switch (this) {
            case FULL -> Math.round(backoffMillis * random);
            case EQUAL -> backoffMillis / 2 + Math.round((backoffMillis - backoffMillis / 2) * random);
            case NONE -> backoffMillis;
        };
    }
}
