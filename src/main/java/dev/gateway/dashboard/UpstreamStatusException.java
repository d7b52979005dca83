package dev.gateway.dashboard;

/**
 * A response of 300 or more from a dashboard upstream, raised by {@link UpstreamStatusMapper} so fault tolerance can tell
 * retryable statuses from final ones by exception type.
 */
public abstract class UpstreamStatusException extends RuntimeException {

    private final int status;
    private final String retryAfter;

    protected UpstreamStatusException(int status, String retryAfter) {
        super("upstream returned HTTP " + status, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String retryAfter() {
        return retryAfter;
    }

    /** A status in the retried set: 408, 429, 500, 502, 503 or 504. */
    public static class Retryable extends UpstreamStatusException {

        public Retryable(int status, String retryAfter) {
            super(status, retryAfter);
        }
    }

    /** Any other status of 300 or more: not retried, and no sign of the upstream's health for the breaker. */
    public static class Final extends UpstreamStatusException {

        public Final(int status, String retryAfter) {
            super(status, retryAfter);
        }
    }
}
