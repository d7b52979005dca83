package dev.gateway.engine;

import java.util.List;

/**
 * All source results of one aggregate request, in the order the aggregate declares its sources.
 */
public record AggregateResult(String aggregate, List<SourceResult> results) {

    public AggregateResult {
        results = List.copyOf(results);
    }

    /** Returns whether every source, required or optional, succeeded. */
    public boolean complete() {
        return results.stream().allMatch(SourceResult::ok);
    }

    /** Returns the required sources that failed on their own, leaving out those cancelled because a sibling failed. */
    public List<SourceResult> failedRequired() {
        return results.stream()
                .filter(result -> result.required() && !result.ok() && result.kind() != ErrorKind.CANCELLED)
                .toList();
    }

    /**
     * Returns 200 when every required source succeeded, 504 when each required source that failed did so by timeout
     * or deadline, and 502 otherwise.
     */
    public int httpStatus() {
        List<SourceResult> failed = failedRequired();
        if (failed.isEmpty()) {
            return 200;
        }
        boolean allTimedOut = failed.stream().allMatch(result -> result.kind().isTimeout());
        return allTimedOut ? 504 : 502;
    }
}
