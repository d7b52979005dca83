package dev.gateway.upstream;

import dev.gateway.engine.SourceCall;
import dev.gateway.engine.SourceFailure;

/**
 * A failed attempt as the guards see it: the failure together with the call it belongs to, so that the retry decision
 * can read the call's deadline and attempt count.
 */
final class AttemptFailure extends RuntimeException {

    private final SourceFailure failure;
    private final transient SourceCall call;

    AttemptFailure(SourceFailure failure, SourceCall call) {
        super(failure.getMessage(), failure, false, false);
        this.failure = failure;
        this.call = call;
    }

    SourceFailure failure() {
        return failure;
    }

    SourceCall call() {
        return call;
    }
}
