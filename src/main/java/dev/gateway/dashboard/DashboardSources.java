package dev.gateway.dashboard;

import java.util.List;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.gateway.engine.JsonBodies;
import dev.gateway.engine.Source;
import dev.gateway.engine.SourceProvider;

/**
 * The {@code dashboard} aggregate: accounts, transactions and budgets of one user, each over its typed REST client.
 * <p>
 * This is the Java way to declare sources. Configuration still sets the deadline
 * ({@code gateway.aggregates.dashboard.timeout}) and whether a source is required
 * ({@code gateway.aggregates.dashboard.sources.<source>.required}).
 */
@ApplicationScoped
public class DashboardSources implements SourceProvider {

    static final String AGGREGATE = "dashboard";

    private final AccountsClient accounts;
    private final TransactionsClient transactions;
    private final BudgetsClient budgets;
    private final ObjectReader jsonReader;
    private final String accountsUrl;
    private final String transactionsUrl;
    private final String budgetsUrl;

    public DashboardSources(@RestClient AccountsClient accounts, @RestClient TransactionsClient transactions,
            @RestClient BudgetsClient budgets, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.rest-client.accounts.url") String accountsUrl,
            @ConfigProperty(name = "quarkus.rest-client.transactions.url") String transactionsUrl,
            @ConfigProperty(name = "quarkus.rest-client.budgets.url") String budgetsUrl) {
        this.accounts = accounts;
        this.transactions = transactions;
        this.budgets = budgets;
        this.jsonReader = JsonBodies.reader(mapper);
        this.accountsUrl = accountsUrl;
        this.transactionsUrl = transactionsUrl;
        this.budgetsUrl = budgetsUrl;
    }

    @Override
    public String aggregate() {
        return AGGREGATE;
    }

    @Override
    public List<Source> sources(Predicate<String> required) {
        return List.of(
                new RestClientSource("accounts", required.test("accounts"), accountsUrl + "/users/{userId}/accounts",
                        accounts::accounts, jsonReader),
                new RestClientSource("transactions", required.test("transactions"),
                        transactionsUrl + "/users/{userId}/transactions", transactions::transactions, jsonReader),
                new RestClientSource("budgets", required.test("budgets"), budgetsUrl + "/users/{userId}/budgets",
                        budgets::budgets, jsonReader));
    }
}
