package dev.gateway.config;

import java.util.List;

/**
 * Stops start-up on invalid configuration. The message lists every problem on its own line, each with its config key.
 */
public class GatewayConfigException extends RuntimeException {

    private final List<String> problems;

    public GatewayConfigException(List<String> problems) {
        this(problems.stream().distinct().toList(), true);
    }

    private GatewayConfigException(List<String> problems, boolean distinct) {
        super("Invalid gateway configuration (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  - " + String.join("\n  - ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
