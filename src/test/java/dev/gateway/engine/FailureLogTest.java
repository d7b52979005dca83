package dev.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class FailureLogTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final FailureLog log = new FailureLog();

    @Test
    void firstFailureIsWarned() {
        assertThat(log.warnAllowed("dashboard/accounts", 0)).isZero();
    }

    @Test
    void repeatsWithinTheIntervalGoToDebug() {
        log.warnAllowed("dashboard/accounts", 0);

        assertThat(log.warnAllowed("dashboard/accounts", 1 * SECOND)).isEqualTo(-1);
        assertThat(log.warnAllowed("dashboard/accounts", 9 * SECOND)).isEqualTo(-1);
    }

    @Test
    void nextWarnCountsTheRepeats() {
        log.warnAllowed("dashboard/accounts", 0);
        log.warnAllowed("dashboard/accounts", 2 * SECOND);
        log.warnAllowed("dashboard/accounts", 3 * SECOND);

        assertThat(log.warnAllowed("dashboard/accounts", 10 * SECOND)).isEqualTo(2);
        assertThat(log.warnAllowed("dashboard/accounts", 11 * SECOND)).isEqualTo(-1);
    }

    @Test
    void sourcesAreLimitedSeparately() {
        log.warnAllowed("dashboard/accounts", 0);

        assertThat(log.warnAllowed("dashboard/budgets", 1 * SECOND)).isZero();
        assertThat(log.warnAllowed("orders/accounts", 1 * SECOND)).isZero();
    }
}
