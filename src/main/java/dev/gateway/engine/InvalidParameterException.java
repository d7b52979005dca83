package dev.gateway.engine;

/**
 * A request parameter that a source cannot use. The endpoint turns it into a 400 problem that names the parameter.
 */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;
    private final String value;

    public InvalidParameterException(String parameter, String value, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
        this.value = value;
    }

    public String parameter() {
        return parameter;
    }

    /** Returns the rejected value, or null when the parameter was missing. */
    public String value() {
        return value;
    }
}
