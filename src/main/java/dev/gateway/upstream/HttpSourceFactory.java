package dev.gateway.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.gateway.engine.JsonBodies;
import dev.gateway.engine.SourceData;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * Creates configured sources with their guards, sharing one guard per upstream origin.
 */
@ApplicationScoped
public class HttpSourceFactory {

    /** Headers the HTTP client sets itself, which neither {@code headers} nor {@code forward-headers} may name. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "connection", "content-length",
            "transfer-encoding", "upgrade", "te", "trailer", "keep-alive", "proxy-connection");

    private final UpstreamGuards guards = new UpstreamGuards();
    private final UpstreamHttpClient http;
    private final ObjectReader jsonReader;

    public HttpSourceFactory(UpstreamHttpClient http, ObjectMapper mapper) {
        this.http = http;
        this.jsonReader = JsonBodies.reader(mapper);
    }

    /**
     * Creates the source configured under {@code key}, or adds a message per problem to {@code problems}, each
     * prefixed with the config key it concerns, and returns null. A null {@code policy} means the policy was invalid
     * and its problems are already listed; the URL and headers are still checked.
     */
    public HttpSource create(String key, String name, boolean required, String url, Map<String, String> headers,
            List<String> forwardHeaders, SourcePolicy policy, List<String> problems) {
        int before = problems.size();
        List<String> urlProblems = new ArrayList<>();
        UrlTemplate template = UrlTemplate.parse(url, urlProblems);
        urlProblems.forEach(problem -> problems.add(key + ".url: " + problem));
        headers.keySet().forEach(header -> checkHeader(key + ".headers", header, problems));
        forwardHeaders.forEach(header -> checkHeader(key + ".forward-headers", header, problems));
        if (problems.size() > before || policy == null) {
            return null;
        }

        UpstreamGuards.Upstream upstream = guards.upstream(template.origin(), key, policy, problems);
        if (upstream == null) {
            return null;
        }
        TypedGuard<Uni<SourceData>> retryGuard = UpstreamGuards.retryGuard(key, name, policy.retry(),
                template.origin(), upstream.retryBudget());
        return new HttpSource(name, required, template, headers, forwardHeaders, policy, retryGuard, upstream.guard(),
                upstream.retryBudget(), http, jsonReader);
    }

    private static void checkHeader(String key, String header, List<String> problems) {
        if (RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
            problems.add(key + ": '" + header + "' is set by the HTTP client and cannot be configured");
        } else if (!header.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
            problems.add(key + ": '" + header + "' is not a valid header name");
        }
    }
}
