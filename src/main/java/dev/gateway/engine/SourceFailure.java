package dev.gateway.engine;

/**
 * The failure of one upstream attempt, or of a whole source once its retries are spent.
 * <p>
 * {@code status} is the upstream HTTP status, or null when no response arrived. {@code retryable} marks whether another
 * attempt may succeed; the circuit breaker also counts only retryable failures.
 */
public class SourceFailure extends RuntimeException {

    private final ErrorKind kind;
    private final Integer status;
    private final boolean retryable;
    private final String retryAfter;

    public SourceFailure(ErrorKind kind, Integer status, boolean retryable, String message, String retryAfter,
            Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static SourceFailure of(ErrorKind kind, String message) {
        return new SourceFailure(kind, null, false, message, null, null);
    }

    public ErrorKind kind() {
        return kind;
    }

    public Integer status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Returns the raw {@code Retry-After} header of the response, or null. */
    public String retryAfter() {
        return retryAfter;
    }
}
