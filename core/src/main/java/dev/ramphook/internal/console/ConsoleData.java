package dev.ramphook.internal.console;

import dev.ramphook.DeliveryListener;
import dev.ramphook.store.EventQuery;
import dev.ramphook.store.EventState;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.FoundEvent;
import dev.ramphook.store.StoreStats;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/** What the pages and the API show and do, in one place: the store's queries, the ring, and replays. */
public final class ConsoleData {

    /** Rows per page of events. */
    static final int PAGE_SIZE = 50;
    /** The most dead letters one replay selects: a larger backlog is replayed in several confirmed steps. */
    static final int MAX_REPLAY = 500;

    /** Makes one dead letter pending again (the engine's replay, which also wakes the workers). */
    public interface Replayer {
        /** {@code by}: who replays, kept in the event's history. */
        boolean replay(String provider, String key, String by);
    }

    private final EventStore store;
    private final List<String> providers;
    private final Replayer replayer;
    private final boolean queued;
    private final RecentDeliveries recent = new RecentDeliveries();

    public ConsoleData(EventStore store, List<String> providers, Replayer replayer) {
        this(store, providers, replayer, true);
    }

    /**
     * @param queued false when handlers run inline: then only the provider's redelivery retries a failed event,
     *               and its page says so instead of showing a next attempt time
     */
    public ConsoleData(EventStore store, List<String> providers, Replayer replayer, boolean queued) {
        this.store = store;
        this.providers = List.copyOf(providers);
        this.replayer = replayer;
        this.queued = queued;
    }

    /** True when this receiver's workers retry failed events; false inline, where the provider's redelivery does. */
    boolean queued() {
        return queued;
    }

    RecentDeliveries recent() {
        return recent;
    }

    /** Feeds the ring from the engine's observation seam: every answered delivery, refusals included. */
    public DeliveryListener observer() {
        return new DeliveryListener() {
            @Override
            public void delivered(Delivery d) {
                recent.add(d.receivedAt(), d.endpoint(), d.provider(), d.event(), d.key(), d.reason().code(),
                        d.reason().outcome() == Outcome.REFUSED, d.status(), d.detail(), d.remoteAddress());
            }
        };
    }

    List<String> providers() {
        return providers;
    }

    /** The events a filter form or API query asks for; {@code state} given wins over the parameter. */
    EventQuery query(Params p, EventState state, int offset, int limit) {
        EventState chosen = state != null ? state : p.get("state").map(ConsoleData::state).orElse(null);
        return new EventQuery(p.getOrNull("provider"), p.getOrNull("name"), p.getOrNull("key"), p.getOrNull("q"),
                chosen, time(p, "from"), time(p, "to"), offset, limit);
    }

    List<FoundEvent> search(EventQuery query) {
        return store.search(query);
    }

    Optional<FoundEvent> find(String provider, String key) {
        return store.find(provider, key);
    }

    /** The event's failed attempts and replays, oldest first; empty from a store that keeps none. */
    List<dev.ramphook.store.HistoryEntry> history(String provider, String key) {
        return store.history(provider, key);
    }

    /** A page of dead letters, newest first, as the list shows them. */
    List<FoundEvent> deadPage(Params p, int offset, int limit) {
        return store.search(query(p, EventState.DEAD, offset, limit));
    }

    /** The dead letters a replay selection names, oldest first, at most {@link #MAX_REPLAY}. */
    List<FoundEvent> deadSelection(Params p) {
        List<FoundEvent> oldestFirst = new java.util.ArrayList<>(store.search(query(p, EventState.DEAD, 0, MAX_REPLAY)));
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** Replays each in {@code by}'s name; returns how many were still dead letters and are pending now. */
    int replay(List<FoundEvent> selection, String by) {
        int replayed = 0;
        for (FoundEvent e : selection) {
            if (replayer.replay(e.provider(), e.key(), by)) {
                replayed++;
            }
        }
        return replayed;
    }

    /**
     * Counts by state and provider and the oldest pending event.
     *
     * @param byState    events per state name
     * @param byProvider per provider, events per state name
     * @param oldestPending when the oldest pending event was received, or null
     * @param note       what the figures leave out, or null
     */
    record Summary(Map<String, Long> byState, Map<String, Map<String, Long>> byProvider, Instant oldestPending,
                   String note) {
        String count(String state) {
            return String.valueOf(byState.getOrDefault(state, 0L));
        }

        long dead() {
            return byState.getOrDefault("DEAD", 0L);
        }
    }

    /**
     * The overview's counts, from {@link EventStore#stats}: exact however many events the store holds, in one call
     * that health and metrics make too. Per provider it knows pending and dead events only (handled ones are kept
     * as a total). A store written before {@code stats} existed is counted with searches instead, which stop at
     * {@link EventQuery#MAX_LIMIT} per state; the note says so.
     */
    Summary summary(Instant now) {
        StoreStats stats;
        try {
            stats = store.stats(now);
        } catch (UnsupportedOperationException noStats) {
            return searchedSummary();
        }
        Map<String, Long> byState = new TreeMap<>(Map.of(EventState.PENDING.name(), stats.pending(),
                EventState.DONE.name(), stats.done(), EventState.DEAD.name(), stats.dead()));
        Map<String, Map<String, Long>> byProvider = new TreeMap<>();
        stats.providers().forEach((provider, counts) -> byProvider.put(provider, new TreeMap<>(Map.of(
                EventState.PENDING.name(), counts.pending(), EventState.DEAD.name(), counts.dead()))));
        return new Summary(byState, byProvider, stats.oldestPending().orElse(null), null);
    }

    private Summary searchedSummary() {
        Map<String, Long> byState = new TreeMap<>();
        Map<String, Map<String, Long>> byProvider = new TreeMap<>();
        Instant oldest = null;
        boolean capped = false;
        for (EventState state : EventState.values()) {
            List<FoundEvent> found = store.search(new EventQuery(null, null, null, state, null, null, 0,
                    EventQuery.MAX_LIMIT));
            capped |= found.size() == EventQuery.MAX_LIMIT;
            byState.put(state.name(), (long) found.size());
            for (FoundEvent e : found) {
                byProvider.computeIfAbsent(e.provider(), k -> new TreeMap<>()).merge(state.name(), 1L, Long::sum);
                if (state == EventState.PENDING && e.event() != null
                        && (oldest == null || e.event().receivedAt().isBefore(oldest))) {
                    oldest = e.event().receivedAt();
                }
            }
        }
        return new Summary(byState, byProvider, oldest, capped ? "Counts stop at " + EventQuery.MAX_LIMIT
                + " per state." : null);
    }

    static EventState state(String text) {
        try {
            return EventState.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new Params.BadRequest("state", "state must be pending, done or dead");
        }
    }

    /** The format hint the time fields show, a value {@link #time} reads. */
    static final String TIME_HINT = "2026-12-06T14:05";

    /**
     * An ISO instant, a browser's {@code datetime-local} value read as UTC, or a date alone (that day's start, UTC):
     * an operator types {@code 2026-12-06} and means the day.
     */
    static Instant time(Params p, String name) {
        Optional<String> text = p.get(name);
        if (text.isEmpty()) {
            return null;
        }
        String t = text.get();
        try {
            if (t.matches("\\d{4}-\\d\\d-\\d\\d")) {
                return java.time.LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")
                    ? java.time.OffsetDateTime.parse(t).toInstant()
                    : LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Params.BadRequest(name, name + ": use a UTC time (" + TIME_HINT + " or 2026-12-06T14:05:00Z)"
                    + " or a date (2026-12-06)");
        }
    }
}
