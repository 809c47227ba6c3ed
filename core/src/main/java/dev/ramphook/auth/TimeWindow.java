package dev.ramphook.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How far a signed timestamp may be from now, in both directions: a replayed old delivery is refused, and so is
 * one dated further ahead than the tolerance (a sender's clock may run fast by less than that, not more).
 * A zero tolerance switches the check off.
 */
record TimeWindow(Duration tolerance, Clock clock) {

    /** Unix seconds are at most this many digits (year 33658); more is not a timestamp. */
    private static final int MAX_DIGITS = 12;

    TimeWindow {
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(clock, "clock");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
    }

    boolean checks() {
        return !tolerance.isZero();
    }

    /** True when {@code epochSeconds} lies within the tolerance of the clock's now, bounds included. */
    boolean accepts(long epochSeconds) {
        if (!checks()) {
            return true;
        }
        long now = clock.instant().getEpochSecond();
        return Math.abs(now - epochSeconds) <= tolerance.getSeconds();
    }

    TimeWindow withTolerance(Duration newTolerance) {
        return new TimeWindow(newTolerance, clock);
    }

    TimeWindow withClock(Clock newClock) {
        return new TimeWindow(tolerance, newClock);
    }

    /** Plain decimal unix seconds ({@code 1614265330}), or -1: no sign, no spaces, no fraction. */
    static long parseSeconds(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
