package dev.gateway.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Plausible fake finance data. Each user id seeds its own generator, so one user always gets the same data.
 */
@ApplicationScoped
public class DemoData {

    private static final List<String> MERCHANTS = List.of("Corner Grocery", "City Transit", "Book Nook", "Cafe Aroma",
            "Power & Light Co", "Streamly", "Fresh Market", "Fuel Stop");
    private static final List<String> CATEGORIES = List.of("groceries", "transport", "leisure", "dining", "utilities",
            "subscriptions", "groceries", "transport");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private final ObjectMapper mapper;

    public DemoData(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public JsonNode accounts(String userId) {
        Random random = seeded(userId);
        ArrayNode accounts = mapper.createArrayNode();
        accounts.add(account(userId, "chk", "Everyday checking", "checking", 500 + random.nextInt(4500)));
        accounts.add(account(userId, "sav", "Rainy day savings", "savings", 2000 + random.nextInt(20000)));
        accounts.add(account(userId, "cc", "Travel card", "credit", -random.nextInt(1500)));
        return accounts;
    }

    public JsonNode transactions(String userId) {
        Random random = seeded(userId);
        ArrayNode transactions = mapper.createArrayNode();
        for (int i = 0; i < 8; i++) {
            int merchant = random.nextInt(MERCHANTS.size());
            ObjectNode transaction = transactions.addObject();
            transaction.put("id", userId + "-tx-" + (1000 + i));
            transaction.put("accountId", userId + (i % 3 == 0 ? "-cc" : "-chk"));
            transaction.put("date", TODAY.minusDays(i * 2L + random.nextInt(2)).toString());
            transaction.put("merchant", MERCHANTS.get(merchant));
            transaction.put("category", CATEGORIES.get(merchant));
            transaction.put("amount", -(5 + random.nextInt(120)) - random.nextInt(100) / 100.0);
            transaction.put("currency", "EUR");
        }
        return transactions;
    }

    public JsonNode budgets(String userId) {
        Random random = seeded(userId);
        ObjectNode budgets = mapper.createObjectNode();
        budgets.put("month", TODAY.toString().substring(0, 7));
        budgets.put("currency", "EUR");
        ArrayNode categories = budgets.putArray("categories");
        for (String category : List.of("groceries", "transport", "dining", "leisure")) {
            int limit = 100 + random.nextInt(5) * 50;
            ObjectNode budget = categories.addObject();
            budget.put("category", category);
            budget.put("limit", limit);
            budget.put("spent", random.nextInt(limit + 60));
        }
        return budgets;
    }

    private ObjectNode account(String userId, String suffix, String name, String type, int balance) {
        ObjectNode account = mapper.createObjectNode();
        account.put("id", userId + "-" + suffix);
        account.put("name", name);
        account.put("type", type);
        account.put("currency", "EUR");
        account.put("balance", balance);
        return account;
    }

    private static Random seeded(String userId) {
        return new Random(userId.hashCode());
    }
}
