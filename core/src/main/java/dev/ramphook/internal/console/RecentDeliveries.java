package dev.ramphook.internal.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@link #CAPACITY} answered requests and per-minute counts of the last hour, in memory only: a flood of
 * forged requests overwrites old entries and never grows memory nor reaches the store. Each text is cut to
 * {@link #MAX_CHARS} characters, so one entry weighs at most a few kilobytes. Thread-safe; every method is a few
 * array writes under one lock.
 */
final class RecentDeliveries {

    /** Pages of {@link OverviewPage#RECENT_PAGE} go back this far: well beyond one screen, still a bounded ring. */
    static final int CAPACITY = 1_000;
    static final int MAX_CHARS = 200;
    static final int MINUTES = 60;

    /**
     * One answered request. Texts are the sender's and must be escaped where shown.
     *
     * @param at       when it was received
     * @param endpoint the endpoint path, or null when none matched
     * @param provider the provider id, or null
     * @param event    the event name, or null when the body was not parsed
     * @param key      the dedup key, or null
     * @param outcome  the stable outcome code ({@code accepted}, {@code not_authenticated}, ...)
     * @param refused  true for 4xx refusals
     * @param status   the HTTP status sent
     * @param detail   the answer's error text, or null
     * @param remote   the peer address, or null
     */
    record Entry(Instant at, String endpoint, String provider, String event, String key, String outcome,
                 boolean refused, int status, String detail, String remote) {
    }

    private final Entry[] ring = new Entry[CAPACITY];
    private final long[] minuteOf = new long[MINUTES];
    private final int[] acceptedIn = new int[MINUTES];
    private final int[] refusedIn = new int[MINUTES];
    private long total;

    void add(Instant at, String endpoint, String provider, String event, String key, String outcome, boolean refused,
             int status, String detail, String remote) {
        Entry e = new Entry(at, cut(endpoint), cut(provider), cut(event), cut(key), outcome, refused, status,
                dev.ramphook.Masking.text(cut(detail)), cut(remote)); // the one masking rule, as for lastError
        long minute = Math.floorDiv(at.getEpochSecond(), 60);
        int slot = Math.floorMod(minute, MINUTES);
        synchronized (this) {
            ring[(int) (total++ % CAPACITY)] = e;
            if (minuteOf[slot] != minute) {
                minuteOf[slot] = minute;
                acceptedIn[slot] = 0;
                refusedIn[slot] = 0;
            }
            if (refused) {
                refusedIn[slot]++;
            } else {
                acceptedIn[slot]++;
            }
        }
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS) + "…";
    }

    /** Newest first, at most {@code max}. */
    synchronized List<Entry> newest(int max) {
        List<Entry> out = new ArrayList<>();
        long from = total - 1;
        for (long i = from; i >= 0 && i > total - 1 - CAPACITY && out.size() < max; i--) {
            out.add(ring[(int) (i % CAPACITY)]);
        }
        return out;
    }

    /** Newest first, those {@code filter} accepts. */
    synchronized List<Entry> newest(java.util.function.Predicate<Entry> filter) {
        List<Entry> out = new ArrayList<>();
        for (long i = total - 1; i >= 0 && i > total - 1 - CAPACITY; i--) {
            Entry e = ring[(int) (i % CAPACITY)];
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** How many requests were answered since start (not only those still in the ring). */
    synchronized long total() {
        return total;
    }

    /**
     * Requests per minute for the {@code minutes} minutes up to {@code now}, oldest first: {@code [i][0]} not
     * refused, {@code [i][1]} refused.
     */
    synchronized int[][] perMinute(Instant now, int minutes) {
        int n = Math.min(minutes, MINUTES);
        int[][] out = new int[n][2];
        long current = Math.floorDiv(now.getEpochSecond(), 60);
        for (int i = 0; i < n; i++) {
            long minute = current - (n - 1 - i);
            int slot = Math.floorMod(minute, MINUTES);
            if (minuteOf[slot] == minute) {
                out[i][0] = acceptedIn[slot];
                out[i][1] = refusedIn[slot];
            }
        }
        return out;
    }
}
