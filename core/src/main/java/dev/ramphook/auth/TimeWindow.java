package dev.ramphook.auth;

import dev.ramphook.Authenticator;
import dev.ramphook.internal.text.Digits;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How far a signed timestamp may be from now, in both directions: a replayed old delivery is refused, and so is
 * one dated further ahead than the tolerance (a sender's clock may run fast by less than that, not more).
 * The tolerance is always positive; a window without a time check ({@link #withoutCheck}) has none at all.
 * {@code clockSet}: the clock was chosen on the authenticator itself, so a receiver's clock does not replace it.
 */
record TimeWindow(Duration tolerance, Clock clock, boolean clockSet) {

    /** Unix seconds are at most this many digits (year 33658); more is not a timestamp. */
    private static final int MAX_DIGITS = 12;

    /** A null tolerance is a window that does not check the time (only {@link #withoutCheck} makes one). */
    TimeWindow {
        Objects.requireNonNull(clock, "clock");
        if (tolerance != null && (tolerance.isNegative() || tolerance.isZero())) {
            throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
        }
    }

    /** The default: 5 minutes either way, by the UTC system clock. */
    static TimeWindow fiveMinutes() {
        return new TimeWindow(Duration.ofMinutes(5), Clock.systemUTC(), false);
    }

    boolean checks() {
        return tolerance != null;
    }

    /** True when {@code epochSeconds} lies within the tolerance of the clock's now, bounds included. */
    boolean accepts(long epochSeconds) {
        if (!checks()) {
            return true;
        }
        long now = clock.instant().getEpochSecond();
        return Math.abs(now - epochSeconds) <= tolerance.getSeconds();
    }

    /**
     * This window with another tolerance, which must be positive: zero does not mean "off" anywhere.
     *
     * @param owner      the authenticator's name, for the message
     * @param newTolerance positive
     * @param off        how the owner turns the check off, for the message; null when it cannot
     */
    TimeWindow withTolerance(String owner, Duration newTolerance, String off) {
        Objects.requireNonNull(newTolerance, "tolerance");
        if (newTolerance.isNegative() || newTolerance.isZero()) {
            throw new IllegalArgumentException(owner + " tolerance must be positive, got " + newTolerance
                    + (off == null ? "" : " (to turn the time check off, use " + off + ")"));
        }
        return new TimeWindow(newTolerance, clock, clockSet);
    }

    /** This window accepting any timestamp. */
    TimeWindow withoutCheck() {
        return new TimeWindow(null, clock, clockSet);
    }

    /** An explicit clock: it overrides the receiver's. */
    TimeWindow withClock(Clock newClock) {
        return new TimeWindow(tolerance, Objects.requireNonNull(newClock, "clock"), true);
    }

    /** The receiver's clock, unless one was set explicitly ({@link Authenticator#withDefaultClock}). */
    TimeWindow withDefaultClock(Clock receiverClock) {
        Objects.requireNonNull(receiverClock, "clock");
        return clockSet ? this : new TimeWindow(tolerance, receiverClock, false);
    }

    /** {@code PT5M}, or {@code off}: for an authenticator's {@code toString()}. */
    String describe() {
        return checks() ? tolerance.toString() : "off";
    }

    /** Plain decimal unix seconds ({@code 1614265330}), or -1: no sign, no spaces, no fraction. */
    static long parseSeconds(String text) {
        return Digits.parse(text, MAX_DIGITS);
    }
}
