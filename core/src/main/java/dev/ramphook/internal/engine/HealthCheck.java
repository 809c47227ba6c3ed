package dev.ramphook.internal.engine;

import dev.ramphook.ReceiverHealth;
import dev.ramphook.ReceiverHealth.Status;
import dev.ramphook.internal.text.Logs;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.StoreStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The rules of {@code WebhookReceiver.health()}: DOWN when closing or when the store does not answer; DEGRADED
 * when the oldest pending event is older than the threshold, dead letters wait, or an endpoint's budget in the store
 * is full; UP otherwise. One store call.
 */
final class HealthCheck {

    private static final Logger log = Logs.get(HealthCheck.class);

    private final EventStore store;
    private final Clock clock;
    private final Duration maxPendingAge;

    HealthCheck(EventStore store, Clock clock, Duration maxPendingAge) {
        this.store = store;
        this.clock = clock;
        this.maxPendingAge = maxPendingAge;
    }

    ReceiverHealth check(boolean closing) {
        Instant now = clock.instant();
        List<String> down = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        if (closing) {
            down.add("receiver is closing: deliveries are answered 503");
        }
        StoreStats stats = null;
        boolean reachable = true;
        try {
            stats = store.stats(now);
        } catch (UnsupportedOperationException e) {
            log.debug("health: {} reports no stats", store);
        } catch (RuntimeException e) {
            reachable = false;
            // The message may name hosts; it goes to the log, the health answer only says what failed.
            log.warn("health: event store {} did not answer: {}", store, e.getMessage());
            down.add("event store did not answer (" + e.getClass().getSimpleName() + "): deliveries are answered 503");
        }
        Optional<Duration> oldest = Optional.empty();
        if (stats != null) {
            oldest = stats.oldestPending().map(received -> Duration.between(received, now))
                    .map(age -> age.isNegative() ? Duration.ZERO : age);
            if (oldest.isPresent() && oldest.get().compareTo(maxPendingAge) > 0) {
                degraded.add("oldest pending event has waited " + oldest.get().toSeconds() + " s, over "
                        + maxPendingAge.toSeconds() + " s: handlers are failing or not keeping up");
            }
            if (stats.dead() > 0) {
                degraded.add(stats.dead() + " dead letter(s) wait for a replay");
            }
            stats.fullEndpoints().forEach((endpoint, bound) -> degraded.add("endpoint " + endpoint
                    + " has filled its budget in the event store (" + bound + "): its new deliveries are answered 503"
                    + " (other endpoints still record) until keys are pruned or events handled"));
        }
        Status status = !down.isEmpty() ? Status.DOWN : !degraded.isEmpty() ? Status.DEGRADED : Status.UP;
        List<String> problems = new ArrayList<>(down);
        problems.addAll(degraded);
        return new ReceiverHealth(status, problems, closing, reachable, stats == null ? -1 : stats.pending(),
                stats == null ? -1 : stats.dead(), oldest, maxPendingAge, now);
    }
}
