package dev.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.Config;

import dev.gateway.engine.AggregateDefinition;
import dev.gateway.engine.Source;
import dev.gateway.engine.SourceProvider;
import dev.gateway.upstream.HttpSource;
import dev.gateway.upstream.HttpSourceFactory;
import dev.gateway.upstream.SourcePolicy;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The aggregates the gateway serves, built once at start-up from configuration and from {@link SourceProvider} beans.
 * <p>
 * Start-up fails with one {@link GatewayConfigException} that lists every problem found, so a gateway that starts is
 * correctly configured.
 */
@Startup
@ApplicationScoped
public class AggregateRegistry {

    private static final String AGGREGATES = "gateway.aggregates";
    /**
     * Deadline of a Java-declared aggregate that configuration does not mention, the same as the
     * {@code @WithDefault} of {@link GatewayConfig.AggregateConfig#timeout()}, which applies only to configured ones.
     */
    private static final Duration UNCONFIGURED_DEADLINE = Duration.ofSeconds(5);

    private final Map<String, AggregateDefinition> aggregates;

    public AggregateRegistry(GatewayConfig config, Config rawConfig, Instance<SourceProvider> providers,
            HttpSourceFactory factory) {
        List<String> problems = new ArrayList<>();
        List<String> propertyNames = new ArrayList<>();
        rawConfig.getPropertyNames().forEach(propertyNames::add);
        UnknownKeys.check(propertyNames, problems);
        UnknownKeys.checkBooleans(rawConfig, problems);
        SourcePolicies.checkDefaults(config.defaults(), problems);
        checkGatewaySettings(config, problems);

        Map<String, List<SourceProvider>> providersByAggregate = new HashMap<>();
        for (SourceProvider provider : providers) {
            providersByAggregate.computeIfAbsent(provider.aggregate(), name -> new ArrayList<>()).add(provider);
        }
        Set<String> names = new TreeSet<>(config.aggregates().keySet());
        names.addAll(providersByAggregate.keySet());

        Map<String, AggregateDefinition> built = new LinkedHashMap<>();
        for (String name : names) {
            AggregateDefinition aggregate = build(name, config, providersByAggregate.getOrDefault(name, List.of()),
                    factory, propertyNames, problems);
            if (aggregate != null) {
                built.put(name, aggregate);
            }
        }
        if (!problems.isEmpty()) {
            throw new GatewayConfigException(problems);
        }
        this.aggregates = built;
        logAggregates();
    }

    public Optional<AggregateDefinition> find(String name) {
        return Optional.ofNullable(aggregates.get(name));
    }

    public Set<String> names() {
        return aggregates.keySet();
    }

    public Collection<AggregateDefinition> definitions() {
        return aggregates.values();
    }

    private static AggregateDefinition build(String name, GatewayConfig config, List<SourceProvider> providers,
            HttpSourceFactory factory, Iterable<String> propertyNames, List<String> problems) {
        String key = AGGREGATES + "." + name;
        if (!name.matches("[A-Za-z0-9_-]+")) {
            problems.add(key + ": aggregate name '" + name + "' must contain only letters, digits, '-' and '_'");
            return null;
        }
        GatewayConfig.AggregateConfig aggregateConfig = config.aggregates().get(name);
        Map<String, GatewayConfig.SourceConfig> configured = aggregateConfig == null ? Map.of()
                : new TreeMap<>(aggregateConfig.sources());
        Duration deadline = aggregateConfig == null ? UNCONFIGURED_DEADLINE : aggregateConfig.timeout();
        checkDuration(key + ".timeout", deadline, problems);

        Map<String, Source> sources = new LinkedHashMap<>();
        for (SourceProvider provider : providers) {
            for (Source source : provider.sources(source -> {
                GatewayConfig.SourceConfig sourceConfig = configured.get(source);
                return sourceConfig == null || sourceConfig.required();
            })) {
                sources.put(source.name(), source);
            }
        }
        for (Map.Entry<String, GatewayConfig.SourceConfig> entry : configured.entrySet()) {
            String sourceKey = key + ".sources." + entry.getKey();
            GatewayConfig.SourceConfig source = entry.getValue();
            if (sources.containsKey(entry.getKey())) {
                checkJavaSourceKeys(sourceKey, propertyNames, problems);
                continue;
            }
            HttpSource created = createSource(sourceKey, entry.getKey(), source, config, factory, problems);
            if (created != null) {
                sources.put(entry.getKey(), created);
            }
        }

        if (sources.isEmpty() && configured.isEmpty()) {
            problems.add(key + ": aggregate '" + name + "' has no sources; add " + key + ".sources.<name>.url");
            return null;
        }
        return new AggregateDefinition(name, deadline, List.copyOf(sources.values()));
    }

    /** Reports keys of a Java-declared source other than {@code required}, which would otherwise do nothing. */
    private static void checkJavaSourceKeys(String sourceKey, Iterable<String> propertyNames, List<String> problems) {
        for (String name : propertyNames) {
            if (name.startsWith(sourceKey + ".") && !name.equals(sourceKey + ".required")) {
                problems.add(name + ": source is declared in Java, so only " + sourceKey + ".required applies; set"
                        + " its upstream and policy with quarkus.rest-client.* and quarkus.fault-tolerance.* keys");
            }
        }
    }

    private static void checkGatewaySettings(GatewayConfig config, List<String> problems) {
        int connections = config.http().maxConnectionsPerUpstream();
        if (connections < 1 || connections > SourcePolicies.MAX_COUNT) {
            problems.add("gateway.http.max-connections-per-upstream: " + connections + " must be from 1 to "
                    + SourcePolicies.MAX_COUNT);
        }
        checkDuration("gateway.http.connect-timeout", config.http().connectTimeout(), problems);
        double failureRatio = config.demo().failureRatio();
        if (!(failureRatio >= 0 && failureRatio <= 1)) {
            problems.add("gateway.demo.failure-ratio: " + failureRatio + " must be from 0 to 1");
        }
        Duration latency = config.demo().latency();
        if (latency.isNegative() || latency.compareTo(SourcePolicies.MAX_DURATION) > 0) {
            problems.add("gateway.demo.latency: " + SourcePolicies.format(latency) + " must be from 0ms to 1h");
        }
        Duration grace = config.shutdown().gracePeriod();
        if (grace.isNegative() || grace.compareTo(SourcePolicies.MAX_DURATION) > 0) {
            problems.add("gateway.shutdown.grace-period: " + SourcePolicies.format(grace) + " must be from 0ms to 1h");
        }
    }

    private static void checkDuration(String key, Duration value, List<String> problems) {
        if (value.isNegative() || value.isZero() || value.compareTo(SourcePolicies.MAX_DURATION) > 0) {
            problems.add(key + ": " + SourcePolicies.format(value) + " must be positive and at most 1h, such as 5s");
        }
    }

    private static HttpSource createSource(String key, String name, GatewayConfig.SourceConfig source,
            GatewayConfig config, HttpSourceFactory factory, List<String> problems) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            problems.add(key + ": source name '" + name + "' must contain only letters, digits, '-' and '_'");
            return null;
        }
        if (source.url().isEmpty() || source.url().get().isBlank()) {
            problems.add(key + ".url: missing; set the upstream URL, such as http://host:8080/users/{userId}/items");
            return null;
        }
        int before = problems.size();
        SourcePolicy policy = SourcePolicies.resolve(key, config.defaults(), source, problems);
        boolean policyValid = problems.size() == before;
        return factory.create(key, name, source.required(), source.url().get().trim(), source.headers(),
                source.forwardHeaders().orElse(List.of()), policyValid ? policy : null, problems);
    }

    private void logAggregates() {
        for (AggregateDefinition aggregate : aggregates.values()) {
            for (Source source : aggregate.sources()) {
                Log.infof("aggregate %s: source %s (%s) calls %s", aggregate.name(), source.name(),
                        source.required() ? "required" : "optional", source.upstream());
            }
        }
    }
}
