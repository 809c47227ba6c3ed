package dev.ramphook.internal.engine;

import dev.ramphook.internal.text.Logs;
import dev.ramphook.store.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/** Prunes done events older than the retention, a few times per retention period (at most hourly). */
final class Maintenance {

    private static final Logger log = Logs.get(Maintenance.class);

    private final EventStore store;
    private final Clock clock;
    private final Duration retention;
    private final ScheduledExecutorService timer;

    Maintenance(EngineConfig config) {
        this.store = config.store();
        this.clock = config.clock();
        this.retention = config.retention();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ramphook-maintenance");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        long period = Math.max(1000, Math.min(retention.toMillis() / 10, Duration.ofHours(1).toMillis()));
        timer.scheduleWithFixedDelay(this::prune, period, period, TimeUnit.MILLISECONDS);
    }

    void prune() {
        try {
            int removed = store.prune(clock.instant().minus(retention));
            if (removed > 0) {
                log.info("pruned {} handled event(s) older than {}", removed, retention);
            }
        } catch (RuntimeException e) {
            log.warn("pruning handled events failed; will try again: {}", e.getMessage());
        }
    }

    void stop() {
        timer.shutdownNow();
    }
}
