package dev.gateway.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the fake upstream APIs on dynamic ports and points the gateway at them through the same config keys
 * production uses.
 * <p>
 * {@link Upstream#MAIN} serves the dashboard and most configured aggregates. The circuit breaker, bulkhead, rate
 * limit and retry budget belong to an upstream origin, so the tests of each get an origin of their own.
 */
public class WireMockUpstreams implements QuarkusTestResourceLifecycleManager {

    /** The fake upstreams, one WireMock server each. */
    public enum Upstream {
        MAIN,
        BREAKER,
        BULKHEAD,
        RATE_LIMIT,
        RETRY_BUDGET
    }

    /** Marks a {@code WireMockServer} field of a test to receive one of the fake upstreams. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectUpstream {
        Upstream value() default Upstream.MAIN;
    }

    private final Map<Upstream, WireMockServer> servers = new HashMap<>();

    @Override
    public Map<String, String> start() {
        for (Upstream upstream : Upstream.values()) {
            WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            servers.put(upstream, server);
        }
        return TestUpstreamConfig.properties(baseUrl(Upstream.MAIN), baseUrl(Upstream.BREAKER),
                baseUrl(Upstream.BULKHEAD), baseUrl(Upstream.RATE_LIMIT), baseUrl(Upstream.RETRY_BUDGET));
    }

    private String baseUrl(Upstream upstream) {
        return "http://127.0.0.1:" + servers.get(upstream).port();
    }

    @Override
    public void inject(TestInjector injector) {
        for (Upstream upstream : Upstream.values()) {
            injector.injectIntoFields(servers.get(upstream), new TestInjector.AnnotatedAndMatchesType(
                    InjectUpstream.class, WireMockServer.class) {
                @Override
                public boolean test(java.lang.reflect.Field field) {
                    return super.test(field) && field.getAnnotation(InjectUpstream.class).value() == upstream;
                }
            });
        }
    }

    @Override
    public void stop() {
        servers.values().forEach(WireMockServer::stop);
    }
}
