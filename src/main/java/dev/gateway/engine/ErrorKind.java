package dev.gateway.engine;

import java.util.Locale;

/**
 * The cause of a source's failure. The lower-case name is the {@code kind} member of an {@code errors} entry.
 */
public enum ErrorKind {
    CONNECT_ERROR,
    TIMEOUT,
    UPSTREAM_STATUS,
    INVALID_RESPONSE,
    RESPONSE_TOO_LARGE,
    CIRCUIT_OPEN,
    BULKHEAD_FULL,
    RATE_LIMITED,
    CANCELLED,
    DEADLINE_EXCEEDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns whether the upstream did not respond in time, which turns a 502 into a 504. */
    public boolean isTimeout() {
        return this == TIMEOUT || this == DEADLINE_EXCEEDED;
    }
}
