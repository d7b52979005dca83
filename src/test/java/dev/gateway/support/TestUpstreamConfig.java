package dev.gateway.support;

import java.util.HashMap;
import java.util.Map;

/**
 * The gateway configuration of the tests: the dashboard clients and a set of configured aggregates with different
 * policies, all pointing at fake upstreams.
 */
public final class TestUpstreamConfig {

    private static final String DASHBOARD_FT = "quarkus.fault-tolerance.\"dev.gateway.dashboard.";

    private TestUpstreamConfig() {
    }

    public static Map<String, String> properties(String main, String breaker, String bulkhead, String rateLimit,
            String retryBudget) {
        Map<String, String> config = new HashMap<>();
        // The tests fail the main upstream on purpose, again and again. Its retry budget would soon stop the retries
        // that they count, so the budget is off by default and tested on an upstream of its own.
        config.put("gateway.defaults.retry-budget.max-tokens", "0");
        config.put("quarkus.rest-client.accounts.url", main);
        config.put("quarkus.rest-client.transactions.url", main);
        config.put("quarkus.rest-client.budgets.url", main);
        config.put("gateway.aggregates.dashboard.timeout", "3s");
        config.put("gateway.aggregates.dashboard.sources.budgets.required", "false");
        config.put("gateway.aggregates.dashboard.sources.transactions.required", "true");
        // A short attempt timeout on accounts makes its timeout test fast; transactions keeps 2s for the deadline test.
        config.put(DASHBOARD_FT + "AccountsClient$$CDIWrapper/accounts\".timeout.value", "300");
        config.put(DASHBOARD_FT + "BudgetsClient$$CDIWrapper/budgets\".timeout.value", "300");

        // orders: two sources of one upstream with different retry policies.
        config.put("gateway.aggregates.orders.timeout", "3s");
        config.put("gateway.aggregates.orders.sources.customer.url", main + "/customers/{customerId}");
        config.put("gateway.aggregates.orders.sources.customer.retry.max-retries", "1");
        config.put("gateway.aggregates.orders.sources.customer.retry.delay", "20ms");
        config.put("gateway.aggregates.orders.sources.customer.retry.jitter", "none");
        config.put("gateway.aggregates.orders.sources.items.url", main + "/orders/{orderId}/items?limit={limit}");
        config.put("gateway.aggregates.orders.sources.items.retry.max-retries", "4");
        config.put("gateway.aggregates.orders.sources.items.retry.delay", "10ms");
        config.put("gateway.aggregates.orders.sources.items.retry.max-delay", "200ms");
        config.put("gateway.aggregates.orders.sources.items.retry.jitter", "equal");
        config.put("gateway.aggregates.orders.sources.items.retry.on-status", "500,503");
        config.put("gateway.aggregates.orders.sources.items.headers.X-Api-Key", "test-key");
        config.put("gateway.aggregates.orders.sources.items.forward-headers", "Authorization,X-Tenant");
        config.put("gateway.aggregates.orders.sources.items.timeout", "500ms");

        // catalog: Retry-After handling, an optional source, and a query-only template.
        config.put("gateway.aggregates.catalog.timeout", "5s");
        config.put("gateway.aggregates.catalog.sources.product.url", main + "/products/{productId}");
        config.put("gateway.aggregates.catalog.sources.product.retry.max-retries", "1");
        config.put("gateway.aggregates.catalog.sources.product.retry.delay", "10ms");
        config.put("gateway.aggregates.catalog.sources.product.retry.max-delay", "1500ms");
        config.put("gateway.aggregates.catalog.sources.product.retry.jitter", "none");
        config.put("gateway.aggregates.catalog.sources.reviews.url", main + "/reviews?product={productId}&q={q}");
        config.put("gateway.aggregates.catalog.sources.reviews.required", "false");
        config.put("gateway.aggregates.catalog.sources.reviews.retry.max-retries", "0");

        // hurry: a deadline shorter than the Retry-After an upstream requests.
        config.put("gateway.aggregates.hurry.timeout", "1s");
        config.put("gateway.aggregates.hurry.sources.quote.url", main + "/quotes/{symbol}");
        config.put("gateway.aggregates.hurry.sources.quote.retry.max-delay", "5s");

        // breaker, bulkhead and rate-limited: stateful guards, each on an origin of its own.
        config.put("gateway.aggregates.breaker.timeout", "2s");
        config.put("gateway.aggregates.breaker.sources.flaky.url", breaker + "/flaky");
        config.put("gateway.aggregates.breaker.sources.flaky.retry.max-retries", "0");
        config.put("gateway.aggregates.breaker.sources.flaky.circuit-breaker.request-volume-threshold", "4");
        config.put("gateway.aggregates.breaker.sources.flaky.circuit-breaker.failure-ratio", "0.5");
        config.put("gateway.aggregates.breaker.sources.flaky.circuit-breaker.delay", "1s");

        config.put("gateway.aggregates.bulkhead.timeout", "5s");
        config.put("gateway.aggregates.bulkhead.sources.slow.url", bulkhead + "/slow");
        config.put("gateway.aggregates.bulkhead.sources.slow.timeout", "4s");
        config.put("gateway.aggregates.bulkhead.sources.slow.bulkhead.limit", "1");
        config.put("gateway.aggregates.bulkhead.sources.slow.bulkhead.queue-size", "1");

        config.put("gateway.aggregates.rate-limited.timeout", "2s");
        config.put("gateway.aggregates.rate-limited.sources.limited.url", rateLimit + "/limited");
        config.put("gateway.aggregates.rate-limited.sources.limited.rate-limit.limit", "2");
        config.put("gateway.aggregates.rate-limited.sources.limited.rate-limit.window", "1m");
        // budgeted: a small retry budget that two failures spend.
        config.put("gateway.aggregates.budgeted.timeout", "3s");
        config.put("gateway.aggregates.budgeted.sources.thin.url", retryBudget + "/thin");
        config.put("gateway.aggregates.budgeted.sources.thin.retry.delay", "10ms");
        config.put("gateway.aggregates.budgeted.sources.thin.retry-budget.max-tokens", "4");
        config.put("gateway.aggregates.budgeted.sources.thin.retry-budget.token-ratio", "0.5");
        config.put("gateway.aggregates.budgeted.sources.thin.circuit-breaker.request-volume-threshold", "100");

        // offline: nothing listens on the port, so every attempt is refused.
        config.put("gateway.aggregates.offline.timeout", "3s");
        config.put("gateway.aggregates.offline.sources.gone.url", "http://127.0.0.1:" + ClosedPort.find() + "/gone");
        config.put("gateway.aggregates.offline.sources.gone.retry.delay", "10ms");
        return config;
    }
}
