package dev.gateway.dashboard;

import java.util.Set;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns every upstream response of 300 or more into an {@link UpstreamStatusException}; redirects are not followed, so
 * a 3xx fails too. The client also consults mappers when no response arrived, with status 0, which is left to the
 * connection failure it is.
 */
public class UpstreamStatusMapper implements ResponseExceptionMapper<UpstreamStatusException> {

    static final Set<Integer> RETRIED_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 300;
    }

    @Override
    public UpstreamStatusException toThrowable(Response response) {
        int status = response.getStatus();
        String retryAfter = response.getHeaderString("Retry-After");
        return RETRIED_STATUSES.contains(status) ? new UpstreamStatusException.Retryable(status, retryAfter)
                : new UpstreamStatusException.Final(status, retryAfter);
    }
}
