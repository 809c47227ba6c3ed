package dev.ramphook.internal;

import dev.ramphook.store.EventStore;
import dev.ramphook.store.EventStore.Claim;
import dev.ramphook.store.StoreException;
import dev.ramphook.store.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * The claims this process holds right now (queued workers' and inline requests'), keyed by {@code (provider, key)},
 * and their renewal: every third of the lease, one store call extends them all. A claim therefore lives as long as
 * its owner: a slow handler keeps it, and a dead process's claims expire one lease after its last renewal.
 */
final class ClaimKeeper {

    private static final Logger log = Logs.get(ClaimKeeper.class);

    /** An event's identity in the store; holds no body, so a key is cheap to hash and compare. */
    record EventRef(String provider, String key) {
        static EventRef of(StoredEvent event) {
            return new EventRef(event.provider(), event.key());
        }
    }

    private final EventStore store;
    private final Clock clock;
    private final Duration lease;
    /** A claim this process holds, with the claimed event (to give it back on shutdown). */
    record Held(StoredEvent event, String owner) {
        Claim claim() {
            return new Claim(event.provider(), event.key(), owner);
        }
    }

    private final Map<EventRef, Held> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    ClaimKeeper(EngineConfig config) {
        this.store = config.store();
        this.clock = config.clock();
        this.lease = config.lease();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ramphook-claim-renewal");
            t.setDaemon(true);
            return t;
        });
    }

    /** The renewal period: a third of the lease, so two renewals in a row may fail before a claim expires. */
    static Duration renewalPeriod(Duration lease) {
        return Duration.ofMillis(Math.max(10, lease.toMillis() / 3));
    }

    void start() {
        long period = renewalPeriod(lease).toMillis();
        timer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    void hold(StoredEvent event, String owner) {
        held.put(EventRef.of(event), new Held(event, owner));
    }

    /** Forgets the claim once its outcome is written (or given up on); only the owner's own entry goes. */
    void drop(StoredEvent event, String owner) {
        held.computeIfPresent(EventRef.of(event), (ref, h) -> h.owner().equals(owner) ? null : h);
    }

    /** The claims held by owners that {@code ownedBy} accepts. */
    List<Held> heldBy(Predicate<String> ownedBy) {
        return held.values().stream().filter(h -> ownedBy.test(h.owner())).toList();
    }

    int size() {
        return held.size();
    }

    void renew() {
        List<Claim> claims = held.values().stream().map(Held::claim).toList();
        if (claims.isEmpty()) {
            return;
        }
        try {
            int renewed = store.renew(claims, clock.instant(), lease);
            if (renewed < claims.size()) {
                // Normal when a claim ended between the copy and the update; a persistent gap means this
                // process stalled past its lease and another owner took events over (its writes will be ignored).
                log.debug("renewed {} of {} claims; the others ended or were taken over", renewed, claims.size());
            }
        } catch (StoreException | IllegalStateException e) {
            log.warn("could not renew {} claim(s); they expire {} after the last renewal unless it succeeds: {}",
                    claims.size(), lease, e.getMessage());
        }
    }

    void stop() {
        timer.shutdownNow();
    }
}
