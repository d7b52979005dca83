package dev.gateway.dashboard;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

import dev.gateway.engine.SourceCall;

/**
 * Ends a dashboard client's attempt when its response arrives, so the attempt's duration and outcome are exact for
 * every attempt that got a response.
 */
public class AttemptResponseFilter implements ClientResponseFilter {

    /** The request property under which the Quarkus REST client keeps the invoked method's arguments. */
    static final String INVOKED_METHOD_PARAMETERS = "io.quarkus.rest.client.invokedMethodParameters";

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (request.getProperty(INVOKED_METHOD_PARAMETERS) instanceof Object[] arguments) {
            for (Object argument : arguments) {
                if (argument instanceof SourceCall call) {
                    call.endAttempt(response.getStatus() < 300 ? "ok" : "upstream_status");
                }
            }
        }
    }
}
