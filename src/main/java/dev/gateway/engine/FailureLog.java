package dev.gateway.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.logging.Log;

/**
 * Logs a source's final failures at WARN at most once per {@value #INTERVAL_SECONDS} seconds for each source, and
 * the repeats in between at DEBUG, so that an upstream failing for every request cannot flood the log. Each WARN line
 * says how many failures of that source were not logged at WARN since the previous one.
 */
final class FailureLog {

    static final long INTERVAL_SECONDS = 10;

    /** When a source last logged at WARN, and how many of its failures were logged at DEBUG since. */
    private record Window(AtomicLong lastWarnNanos, AtomicInteger suppressed) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    void failed(AggregateDefinition aggregate, SourceCall call, SourceResult result) {
        int suppressed = warnAllowed(aggregate.name() + "/" + result.source(), System.nanoTime());
        if (suppressed >= 0) {
            Log.warnf("source %s of %s failed for good: %s after %d attempt(s): %s [request %s]%s", result.source(),
                    aggregate.name(), result.kind().wireName(), result.attempts(), result.message(),
                    call.request().requestId(), suppressed == 0 ? ""
                            : " (" + suppressed + " more failure(s) of this source logged at DEBUG since the last WARN)");
        } else {
            Log.debugf("source %s of %s failed for good: %s after %d attempt(s): %s [request %s]", result.source(),
                    aggregate.name(), result.kind().wireName(), result.attempts(), result.message(),
                    call.request().requestId());
        }
    }

    /**
     * Decides how the failure of source {@code key} at {@code nowNanos} is logged: returns how many failures of it went
     * to DEBUG since its last WARN when this one goes to WARN, or -1 when this one goes to DEBUG too.
     */
    int warnAllowed(String key, long nowNanos) {
        long interval = TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS);
        Window window = windows.computeIfAbsent(key,
                ignored -> new Window(new AtomicLong(nowNanos - interval), new AtomicInteger()));
        long last = window.lastWarnNanos().get();
        if (nowNanos - last >= interval && window.lastWarnNanos().compareAndSet(last, nowNanos)) {
            return window.suppressed().getAndSet(0);
        }
        window.suppressed().incrementAndGet();
        return -1;
    }
}
