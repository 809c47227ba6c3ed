package dev.ramphook.internal.console;

import dev.ramphook.internal.text.Logs;
import dev.ramphook.internal.text.Printable;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Failed console logins per source address: after {@value #FREE_FAILURES} wrong credentials a source is locked out
 * for 1 s, doubling with each further failure up to {@link #MAX_LOCKOUT}; while locked, every request from it is
 * answered 429 with {@code Retry-After}, the right credentials included (checking them would tell a guesser which
 * guess was right). A success from a source that is not locked forgets its failures; a source quiet for
 * {@link #FORGET_AFTER} starts afresh. Other sources are never affected.
 *
 * <p>At most {@value #MAX_SOURCES} sources are remembered, least recently seen dropped first, so a flood from
 * spoofed or rotating addresses costs bounded memory (an evicted source merely starts afresh). One WARN per source
 * per {@link #WARN_INTERVAL}, with the count since the last one, instead of a line per guess. Thread-safe (one lock:
 * each call is a map look-up).
 */
final class LoginThrottle {

    private static final Logger log = Logs.get(LoginThrottle.class);

    static final int FREE_FAILURES = 5;
    static final int MAX_SOURCES = 10_000;
    static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

    private static final class Source {
        int failures;
        Instant lastFailure;
        Instant lockedUntil = Instant.MIN;
        Instant warnedAt;
        int unreported;
    }

    private long warnings;
    private final Map<String, Source> sources = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Source> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    /** Seconds until {@code source} may try again, or 0 when it may now; a locked-out request is counted. */
    synchronized long retryAfterSeconds(String source, Instant now) {
        Source s = sources.get(source);
        if (s == null || !now.isBefore(s.lockedUntil)) {
            return 0;
        }
        s.unreported++;
        warn(source, s, now);
        long millis = Duration.between(now, s.lockedUntil).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /** Records a wrong credential; returns the seconds {@code source} is now locked out for (0: not yet). */
    synchronized long failed(String source, Instant now) {
        Source s = sources.get(source);
        if (s == null || s.lastFailure.plus(FORGET_AFTER).isBefore(now)) {
            s = new Source();
            sources.put(source, s);
        }
        s.failures++;
        s.lastFailure = now;
        s.unreported++;
        long seconds = 0;
        if (s.failures >= FREE_FAILURES) {
            int doublings = Math.min(s.failures - FREE_FAILURES, 20);
            seconds = Math.min(1L << doublings, MAX_LOCKOUT.toSeconds());
            s.lockedUntil = now.plusSeconds(seconds);
        }
        warn(source, s, now);
        return seconds;
    }

    /** Right credentials from a source that is not locked out: its failures are forgotten. */
    synchronized void succeeded(String source) {
        sources.remove(source);
    }

    /** How many WARN lines were written, for tests. */
    synchronized long warnings() {
        return warnings;
    }

    synchronized int size() {
        return sources.size();
    }

    private void warn(String source, Source s, Instant now) {
        if (s.warnedAt != null && now.isBefore(s.warnedAt.plus(WARN_INTERVAL))) {
            return;
        }
        log.warn("console: {} refused login(s) from {} since the last report ({} wrong credential(s) in a row){}",
                s.unreported, Printable.of(source), s.failures,
                now.isBefore(s.lockedUntil) ? "; answered 429 until " + s.lockedUntil : "");
        s.warnedAt = now;
        s.unreported = 0;
        warnings++;
    }
}
