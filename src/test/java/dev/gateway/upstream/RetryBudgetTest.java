package dev.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    @Test
    void fullBudgetAllowsRetries() {
        RetryBudget budget = new RetryBudget(10, 0.1);

        assertThat(budget.allowsRetry()).isTrue();
        assertThat(budget.tokens()).isEqualTo(10);
    }

    @Test
    void halfSpentBudgetStopsRetries() {
        RetryBudget budget = new RetryBudget(10, 0.1);

        for (int i = 0; i < 4; i++) {
            budget.recordFailure();
        }
        assertThat(budget.allowsRetry()).isTrue();
        budget.recordFailure();

        assertThat(budget.tokens()).isEqualTo(5);
        assertThat(budget.allowsRetry()).isFalse();
    }

    @Test
    void successesRefillTheBudget() {
        RetryBudget budget = new RetryBudget(4, 0.5);
        budget.recordFailure();
        budget.recordFailure();
        assertThat(budget.allowsRetry()).isFalse();

        budget.recordSuccess();

        assertThat(budget.tokens()).isEqualTo(2.5);
        assertThat(budget.allowsRetry()).isTrue();
    }

    @Test
    void tokensStayWithinBounds() {
        RetryBudget budget = new RetryBudget(3, 1);

        for (int i = 0; i < 10; i++) {
            budget.recordFailure();
        }
        assertThat(budget.tokens()).isZero();
        for (int i = 0; i < 10; i++) {
            budget.recordSuccess();
        }

        assertThat(budget.tokens()).isEqualTo(3);
    }

    @Test
    void zeroMaxTokensSwitchesTheBudgetOff() {
        RetryBudget budget = new RetryBudget(0, 0.1);

        budget.recordFailure();

        assertThat(budget.allowsRetry()).isTrue();
    }
}
