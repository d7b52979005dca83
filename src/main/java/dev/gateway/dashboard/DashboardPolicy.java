package dev.gateway.dashboard;

/**
 * Fault-tolerance defaults of the dashboard clients. Each value can be overridden without a rebuild through
 * {@code quarkus.fault-tolerance."<client class>/<method>".<strategy>.<property>}, as the README shows.
 */
final class DashboardPolicy {

    static final int MAX_RETRIES = 3;
    static final long DELAY_MILLIS = 100;
    /** SmallRye adds a random value in [-jitter, +jitter] to each delay. */
    static final long JITTER_MILLIS = 50;
    static final int FACTOR = 2;
    static final long MAX_DELAY_MILLIS = 2000;
    /** Retries stop after this long; the aggregate deadline usually stops them first. */
    static final long MAX_DURATION_MILLIS = 30_000;
    static final long TIMEOUT_MILLIS = 2000;
    /**
     * The breaker judges single attempts. The demo upstream fails half the first attempts, and in a burst of
     * concurrent requests a window contains first attempts only. Over 50 attempts at a ratio of 0.75, chance alone does
     * not open the breaker of a working demo, as it did over 20 attempts at 0.5; an upstream that is down still opens
     * it after about 13 dashboard requests.
     */
    static final int REQUEST_VOLUME_THRESHOLD = 50;
    static final double FAILURE_RATIO = 0.75;
    static final long BREAKER_DELAY_MILLIS = 5000;

    private DashboardPolicy() {
    }
}
