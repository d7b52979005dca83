package dev.gateway.config;

import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

/**
 * Finds {@code gateway.*} keys that no setting reads, such as a misspelt {@code max-retrys}.
 * <p>
 * The config loader's own check of unknown keys is off ({@code smallrye.config.mapping.validate-unknown=false}) so
 * that a misspelt key is reported in the same start-up message as every other problem. {@code GATEWAY_*} environment
 * variables are checked too, because the config loader lists them under their translated, dotted names.
 */
final class UnknownKeys {

    private static final String NAME = "(?:[A-Za-z0-9_-]+|\"[^\"]+\")";
    private static final String POLICY = "(?:timeout|max-body-size"
            + "|retry\\.(?:max-retries|delay|factor|max-delay|jitter|on-status(?:\\[\\d+])?)"
            + "|retry-budget\\.(?:max-tokens|token-ratio)"
            + "|circuit-breaker\\.(?:request-volume-threshold|failure-ratio|delay)"
            + "|bulkhead\\.(?:limit|queue-size)"
            + "|rate-limit\\.(?:limit|window))";
    private static final Pattern KNOWN = Pattern.compile("gateway\\.(?:"
            + "defaults\\." + POLICY
            + "|aggregates\\." + NAME + "\\.timeout"
            + "|aggregates\\." + NAME + "\\.sources\\." + NAME + "\\.(?:url|required|headers\\." + NAME
            + "|forward-headers(?:\\[\\d+])?|" + POLICY + ")"
            + "|http\\.(?:max-connections-per-upstream|connect-timeout)"
            + "|demo\\.(?:enabled|failure-ratio|latency)"
            + "|shutdown\\.grace-period)");

    private UnknownKeys() {
    }

    /**
     * Reports boolean keys whose value is neither {@code true} nor {@code false}: the config loader would read a typo
     * such as {@code ture} as false, and so make a required source optional without a word.
     */
    static void checkBooleans(Config config, List<String> problems) {
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("gateway.") && (name.endsWith(".required") || name.endsWith(".enabled"))) {
                String value = config.getConfigValue(name).getRawValue();
                if (value != null && !value.trim().equalsIgnoreCase("true") && !value.trim().equalsIgnoreCase("false")) {
                    problems.add(name + ": '" + value + "' is not a boolean; use true or false");
                }
            }
        }
    }

    static void check(Iterable<String> propertyNames, List<String> problems) {
        for (String name : propertyNames) {
            if (name.startsWith("gateway.") && !KNOWN.matcher(name).matches()) {
                problems.add(name + ": unknown key; the configuration reference lists every gateway key");
            }
        }
    }
}
