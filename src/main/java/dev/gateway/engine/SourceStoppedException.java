package dev.gateway.engine;

/**
 * Raised instead of sending an attempt after the engine stopped the source. Guards never retry it.
 */
public class SourceStoppedException extends RuntimeException {

    public SourceStoppedException(String source) {
        super("source '" + source + "' was stopped before its next attempt", null, false, false);
    }
}
