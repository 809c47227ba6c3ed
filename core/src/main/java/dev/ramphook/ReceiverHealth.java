package dev.ramphook;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link dev.ramphook.receiver.WebhookReceiver#health()}: one status and the facts it was decided on.
 *
 * <ul>
 *   <li>{@link Status#DOWN}: the receiver is closing (deliveries answer 503), or its event store cannot be reached
 *       (deliveries answer 503 until it can). Providers retry; nothing acknowledged is lost.</li>
 *   <li>{@link Status#DEGRADED}: deliveries are received, but something needs an operator: the oldest pending
 *       event has waited longer than {@link dev.ramphook.receiver.WebhookReceiver.Builder#maxPendingAge} (handlers
 *       failing or too slow), or there are dead letters (events whose every attempt failed, waiting for a replay).</li>
 *   <li>{@link Status#UP}: none of the above.</li>
 * </ul>
 *
 * @param status         the overall status
 * @param problems       why the status is not {@code UP}, one sentence each (no secret, no event data); empty when UP
 * @param closing        true once {@link dev.ramphook.receiver.WebhookReceiver#close()} has begun
 * @param storeReachable false when the store failed to answer (see {@code problems}); a store that does not
 *                       report {@linkplain dev.ramphook.store.EventStore#stats stats} counts as reachable
 * @param pending        events recorded and not yet handled, or -1 when the store did not tell
 * @param deadLetters    dead letters, or -1 when the store did not tell
 * @param oldestPending  how long the oldest pending event has waited since it was received; empty when none is
 *                       pending or the store did not answer
 * @param maxPendingAge  the threshold {@code oldestPending} is held against
 * @param checkedAt      when the check ran (the receiver's clock)
 */
public record ReceiverHealth(Status status, List<String> problems, boolean closing, boolean storeReachable,
                             long pending, long deadLetters, Optional<Duration> oldestPending,
                             Duration maxPendingAge, Instant checkedAt) {

    /** The overall state, worst first. */
    public enum Status {
        /** Not receiving: closing, or the event store cannot be reached. */
        DOWN,
        /** Receiving, but an operator should look: old pending events or dead letters. */
        DEGRADED,
        /** Receiving and keeping up. */
        UP
    }

    /**
     * Copies {@code problems} and checks that nothing is null.
     *
     * @param status         the overall status
     * @param problems       why the status is not {@code UP}
     * @param closing        whether the receiver is closing
     * @param storeReachable whether the store answered
     * @param pending        pending events, or -1
     * @param deadLetters    dead letters, or -1
     * @param oldestPending  the oldest pending event's wait, if any
     * @param maxPendingAge  the threshold
     * @param checkedAt      when the check ran
     * @throws NullPointerException when an object is null
     */
    public ReceiverHealth {
        Objects.requireNonNull(status, "status");
        problems = List.copyOf(problems);
        Objects.requireNonNull(oldestPending, "oldestPending");
        Objects.requireNonNull(maxPendingAge, "maxPendingAge");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    /**
     * The facts as a map of plain values (strings, booleans, numbers, durations in whole seconds), in a stable
     * order, for health endpoints that render JSON: {@code storeReachable}, {@code closing}, {@code pending},
     * {@code deadLetters}, {@code oldestPendingSeconds} (when there is one), {@code maxPendingAgeSeconds},
     * {@code problems} (when there are any).
     *
     * @return a new, ordered, mutable map
     */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("storeReachable", storeReachable);
        details.put("closing", closing);
        if (pending >= 0) {
            details.put("pending", pending);
        }
        if (deadLetters >= 0) {
            details.put("deadLetters", deadLetters);
        }
        oldestPending.ifPresent(age -> details.put("oldestPendingSeconds", age.toSeconds()));
        details.put("maxPendingAgeSeconds", maxPendingAge.toSeconds());
        if (!problems.isEmpty()) {
            details.put("problems", problems);
        }
        return details;
    }
}
