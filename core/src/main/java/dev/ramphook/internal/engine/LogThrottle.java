package dev.ramphook.internal.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Bounds the lines a flood can write: within each interval, the first {@code freeLines} occurrences of each
 * {@code (group, reason)} are logged in full by the caller, the rest only counted; the next occurrence after the
 * interval (or {@link #flush()}) logs one summary line per group with the counts, e.g.
 * {@code refused 20512 more deliveries to /webhooks/zbd (zbd) in 60 s: 401 no matching signature x 20510, 413 ... x 2}.
 *
 * <p>A group is an endpoint (a configured, bounded set); reasons per group are bounded too, the rest counted as
 * {@code other}, so neither the lines nor the table grow with what a sender chooses to send. Metrics and observers
 * are not throttled: they keep the exact numbers. Time comes from the given clock (no timer thread): a summary is
 * written by the next occurrence after its interval, or by {@link #flush()} at close. Thread-safe.
 */
final class LogThrottle {

    /** Distinct reasons counted per group; more are counted together as {@code other}. */
    static final int MAX_REASONS = 32;
    private static final String OTHER = "other";

    private final Logger log;
    private final boolean error;
    private final String what;
    private final int freeLines;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    /** One group's current interval: when it began, and per reason how many occurred and how many were logged. */
    private static final class Window {
        final Instant start;
        final Map<String, long[]> counts = new LinkedHashMap<>(); // reason -> {occurred, logged}

        Window(Instant start) {
            this.start = start;
        }

        long suppressed() {
            return counts.values().stream().mapToLong(c -> c[0] - c[1]).sum();
        }
    }

    /**
     * @param log       where summaries go
     * @param error     summaries at ERROR (else WARN)
     * @param what      the summary's verb phrase, e.g. {@code "refused"} or {@code "could not record"}
     * @param freeLines occurrences per group and reason per interval that the caller logs in full
     * @param interval  how long a window lasts
     * @param clock     the receiver's clock
     */
    LogThrottle(Logger log, boolean error, String what, int freeLines, Duration interval, Clock clock) {
        this.log = log;
        this.error = error;
        this.what = what;
        this.freeLines = freeLines;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * Counts one occurrence; true when the caller should log it in full. May first write the summary of the group's
     * previous interval.
     *
     * @param group  the endpoint, as it may be logged ({@code /webhooks/zbd (zbd)})
     * @param reason the reason, as it may be logged ({@code 401 no matching signature}); no secrets
     */
    boolean admit(String group, String reason) {
        String summary = null;
        boolean full;
        synchronized (this) {
            Instant now = clock.instant();
            Window w = windows.get(group);
            if (w != null && !now.isBefore(w.start.plus(interval))) {
                summary = summary(group, w, now);
                w = null;
            }
            if (w == null) {
                w = new Window(now);
                windows.put(group, w);
            }
            String key = w.counts.containsKey(reason) || w.counts.size() < MAX_REASONS ? reason : OTHER;
            long[] c = w.counts.computeIfAbsent(key, k -> new long[2]);
            c[0]++;
            full = c[1] < freeLines;
            if (full) {
                c[1]++;
            }
        }
        write(summary); // outside the lock: an appender may be slow
        return full;
    }

    /** Writes the summary of every group with counted occurrences, and starts afresh (at close). */
    void flush() {
        List<String> summaries = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            windows.forEach((group, w) -> {
                String s = summary(group, w, now);
                if (s != null) {
                    summaries.add(s);
                }
            });
            windows.clear();
        }
        summaries.forEach(this::write);
    }

    /** The line for the occurrences {@code w} counted but did not let the caller log, or null when there are none. */
    private String summary(String group, Window w, Instant now) {
        long suppressed = w.suppressed();
        if (suppressed == 0) {
            return null;
        }
        String reasons = w.counts.entrySet().stream().filter(e -> e.getValue()[0] > e.getValue()[1])
                .map(e -> e.getKey() + " x " + (e.getValue()[0] - e.getValue()[1]))
                .collect(Collectors.joining(", "));
        long seconds = Math.max(0, Duration.between(w.start, now).toSeconds());
        return what + " " + suppressed + " more deliveries to " + group + " in " + seconds + " s (not logged one by "
                + "one; metrics count each): " + reasons;
    }

    private void write(String summary) {
        if (summary == null) {
            return;
        }
        if (error) {
            log.error(summary);
        } else {
            log.warn(summary);
        }
    }
}
