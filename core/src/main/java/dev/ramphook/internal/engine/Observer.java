package dev.ramphook.internal.engine;

import java.time.Instant;

/**
 * What the engine reports while it works: every delivery's outcome, every handler run, every end of an attempt and
 * every store call. Metrics and the console are observers; the engine knows nothing of either.
 *
 * <p>Methods are called on the thread doing the work, right after it: keep them quick and non-blocking. An observer
 * that throws is logged once and otherwise ignored ({@link Observers}); it never changes an answer or an outcome.
 * Reports carry no secret: no header values, no body, no signature; {@code detail} texts are the refusal reasons
 * the sender was answered with.
 */
public interface Observer {

    /** One request to a receiver, refused or not, as it was answered. */
    default void delivered(Delivery delivery) {
    }

    /** One call of one handler for one event. */
    default void handlerRan(HandlerRun run) {
    }

    /** The end of one handling attempt of an event: handled, to be retried, or dead. */
    default void attemptEnded(AttemptEnd end) {
    }

    /** One call to the event store. */
    default void storeCalled(StoreCall call) {
    }

    /** The kind of answer a delivery got. */
    enum Outcome {
        /** Recorded now (and, inline, handled). */
        ACCEPTED,
        /** A copy of an event recorded earlier that still waits to be handled. */
        QUEUED,
        /** A copy of an event already handled. */
        DUPLICATE,
        /** A 4xx: the request was not acceptable (see the reason). */
        REFUSED,
        /** A 503: the receiver could not take it now (store down, shutting down); the provider retries. */
        UNAVAILABLE,
        /** A 500: recorded, but its handlers failed (inline), it is a dead letter, or an internal error. */
        FAILED
    }

    /**
     * Why a delivery was answered as it was: a stable, bounded code (its {@link #code()} is what metrics tag with and
     * the console shows), and the kind of answer.
     */
    enum Reason {
        ACCEPTED(Outcome.ACCEPTED),
        QUEUED(Outcome.QUEUED),
        DUPLICATE(Outcome.DUPLICATE),
        NO_ENDPOINT(Outcome.REFUSED),
        METHOD_NOT_ALLOWED(Outcome.REFUSED),
        NOT_AUTHENTICATED(Outcome.REFUSED),
        FORBIDDEN(Outcome.REFUSED),
        UNSUPPORTED_MEDIA_TYPE(Outcome.REFUSED),
        UNSUPPORTED_ENCODING(Outcome.REFUSED),
        BODY_TOO_LARGE(Outcome.REFUSED),
        BODY_TIMEOUT(Outcome.REFUSED),
        BODY_INCOMPLETE(Outcome.REFUSED),
        INVALID_PAYLOAD(Outcome.REFUSED),
        IN_PROGRESS(Outcome.REFUSED),
        SHUTTING_DOWN(Outcome.UNAVAILABLE),
        STORE_UNAVAILABLE(Outcome.UNAVAILABLE),
        STORE_TIMEOUT(Outcome.UNAVAILABLE),
        /** Bodies in flight reached {@code maxBodyBytesInFlight}: 503 before the body was read. */
        OVERLOADED(Outcome.UNAVAILABLE),
        /** An unexpected failure (an Error such as OutOfMemoryError) before the event was recorded: 503. */
        RECEIVER_FAILED(Outcome.UNAVAILABLE),
        HANDLER_FAILED(Outcome.FAILED),
        DEAD_LETTER(Outcome.FAILED),
        INTERNAL_ERROR(Outcome.FAILED);

        private final Outcome outcome;
        private final String code;

        Reason(Outcome outcome) {
            this.outcome = outcome;
            this.code = name().toLowerCase(java.util.Locale.ROOT);
        }

        public Outcome outcome() {
            return outcome;
        }

        /** The stable code, such as {@code not_authenticated}. */
        public String code() {
            return code;
        }

        /** True for refusals that mean the sender could not prove who it is (the verification failures). */
        public boolean isVerificationFailure() {
            return this == NOT_AUTHENTICATED || this == FORBIDDEN;
        }
    }

    /**
     * One answered request.
     *
     * @param receivedAt    when the receiver started on it (its clock)
     * @param endpoint      the configured endpoint path, or null when the path is no endpoint
     * @param provider      the endpoint's provider id, or null with the endpoint
     * @param event         the event name, or null when the body was not parsed (the name is the sender's text)
     * @param key           the deduplication key, or null when the body was not parsed
     * @param reason        why it was answered so; {@code reason.outcome()} is the kind of answer
     * @param status        the HTTP status sent
     * @param detail        the error text of the answer (4xx/5xx), or null for a 200
     * @param bodyBytes     the body's size in bytes, or -1 when it was not read
     * @param nanos         from the start of {@code receive} (or {@code screen}) to the answer
     * @param remoteAddress the peer address the request came from, or null
     */
    record Delivery(Instant receivedAt, String endpoint, String provider, String event, String key, Reason reason,
                    int status, String detail, long bodyBytes, long nanos, String remoteAddress) {
    }

    /** How one handler call ended. */
    enum RunOutcome {
        SUCCEEDED, FAILED, TIMED_OUT
    }

    /**
     * One handler call.
     *
     * @param handler  the handler's stable id ({@code Class.method(Params)} or {@code on[i]:pattern}), bounded by
     *                 the registrations
     * @param provider the event's provider id
     * @param event    the event name (the sender's text)
     * @param key      the event's deduplication key
     * @param attempt  the attempt number, from 1
     * @param outcome  how the call ended
     * @param nanos    how long the call took
     */
    record HandlerRun(String handler, String provider, String event, String key, int attempt, RunOutcome outcome,
                      long nanos) {
    }

    /** Where an event stands after an attempt. */
    enum AttemptResult {
        /** Every handler succeeded: the event is done. */
        HANDLED,
        /** Some handler failed: the event runs again (after backoff, or on the provider's redelivery inline). */
        RETRY,
        /** The last attempt failed (or the event can no longer be parsed): a dead letter until replayed. */
        DEAD
    }

    /**
     * The end of one attempt of an event.
     *
     * @param provider the event's provider id
     * @param event    the event name as delivered
     * @param key      the deduplication key
     * @param endpoint the endpoint path it was received at
     * @param attempt  the attempt number, from 1
     * @param result   where the event stands now
     * @param error    the failures of the attempt (bounded), or null when handled
     */
    record AttemptEnd(String provider, String event, String key, String endpoint, int attempt, AttemptResult result,
                      String error) {
    }

    /**
     * One call to the event store.
     *
     * @param operation the {@code EventStore} method called ({@code record}, {@code claimDue}, ...)
     * @param nanos     how long it took
     * @param failed    true when it threw
     */
    record StoreCall(String operation, long nanos, boolean failed) {
    }
}
