package dev.ramphook;

import java.time.Instant;

/**
 * Hears what a receiver does: every delivery's answer (refusals before the body and failed body reads included),
 * every handler run, every end of a handling attempt (dead letters included) and every event store call. Metrics,
 * the console and OpenTelemetry tracing are listeners; an application adds its own for an audit trail, alerts or
 * another metrics system.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *         .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.pathSegment(secret))
 *         .listener(new DeliveryListener() {
 *             public void delivered(Delivery d) {
 *                 if (d.reason().isVerificationFailure()) {
 *                     alerts.forgedDelivery(d.endpoint(), d.remoteAddress());
 *                 }
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <p>Every method has an empty default: implement only what you need. Methods are called on the thread doing the
 * work, right after it (a delivery's report before its answer is returned to the HTTP stack): keep them quick and
 * never block. A listener that throws is logged once (further failures of the same listener class at debug) and
 * otherwise ignored: it never changes an answer or an outcome. With no listener registered, no report is built.
 *
 * <p>Reports are immutable and carry no secret: no header value, no body, no signature, no URL token (the endpoint
 * is the configured path, never the request's). {@code detail} and {@code error} texts are the refusal reasons the
 * sender was answered with and handler failure messages; the event name and key are the sender's text, so escape
 * them before printing them into HTML.
 *
 * <p>A receiver calls its listeners from many threads at once (requests, queued workers): implementations must be
 * thread-safe.
 */
public interface DeliveryListener {

    /**
     * One request to an endpoint (or to a path that is none), refused or not, as it was answered: called once per
     * request, before the answer goes back to the HTTP stack.
     *
     * @param delivery what was asked and how it was answered
     */
    default void delivered(Delivery delivery) {
    }

    /**
     * One call of one handler for one event, inline or on a queued worker.
     *
     * @param run which handler, for which event, how it ended and how long it took
     */
    default void handlerRan(HandlerRun run) {
    }

    /**
     * The end of one handling attempt of an event: handled, to be retried, or dead. A dead letter is the attempt
     * whose {@link AttemptEnd#result()} is {@link AttemptResult#DEAD}.
     *
     * @param end the event, its attempt number and where it stands now
     */
    default void attemptEnded(AttemptEnd end) {
    }

    /**
     * One call to the event store, timed, and whether it threw.
     *
     * @param call the store operation, its duration and whether it failed
     */
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
        /** Recorded now (and, inline, handled): 200. */
        ACCEPTED(Outcome.ACCEPTED),
        /** A copy of an event recorded earlier that still waits to be handled (queued): 200. */
        QUEUED(Outcome.QUEUED),
        /** A copy of an event already handled: 200. */
        DUPLICATE(Outcome.DUPLICATE),
        /** The path is no endpoint (reported by adapters that answer such paths themselves): 404. */
        NO_ENDPOINT(Outcome.REFUSED),
        /** Not a POST: 405, before the body. */
        METHOD_NOT_ALLOWED(Outcome.REFUSED),
        /** Signature, token or timestamp missing or wrong: 401. */
        NOT_AUTHENTICATED(Outcome.REFUSED),
        /** The source address is not allowed: 403, before the body. */
        FORBIDDEN(Outcome.REFUSED),
        /** Not a JSON content type: 415, before the body. */
        UNSUPPORTED_MEDIA_TYPE(Outcome.REFUSED),
        /** A content encoding the receiver does not take (compressed bodies): 415, before the body. */
        UNSUPPORTED_ENCODING(Outcome.REFUSED),
        /** The body is over {@code maxBodyBytes}: 413, declared or found while reading. */
        BODY_TOO_LARGE(Outcome.REFUSED),
        /** The body did not arrive within the body read timeout: 408. */
        BODY_TIMEOUT(Outcome.REFUSED),
        /** The body could not be read in full (broken framing, the sender closed early): 400. */
        BODY_INCOMPLETE(Outcome.REFUSED),
        /** Not JSON, not an object, or no event name: 400. */
        INVALID_PAYLOAD(Outcome.REFUSED),
        /** Another copy of the event is being handled now (inline): 409. */
        IN_PROGRESS(Outcome.REFUSED),
        /** The receiver is closing: 503. */
        SHUTTING_DOWN(Outcome.UNAVAILABLE),
        /** The store could not record it: 503. */
        STORE_UNAVAILABLE(Outcome.UNAVAILABLE),
        /** The store did not record it within the record timeout: 503. */
        STORE_TIMEOUT(Outcome.UNAVAILABLE),
        /** Bodies in flight reached {@code maxBodyBytesInFlight}: 503 before the body was read. */
        OVERLOADED(Outcome.UNAVAILABLE),
        /** An unexpected failure (an Error such as OutOfMemoryError) before the event was recorded: 503. */
        RECEIVER_FAILED(Outcome.UNAVAILABLE),
        /** Recorded, but a handler failed (inline): 500, so the provider redelivers. */
        HANDLER_FAILED(Outcome.FAILED),
        /** A copy of a dead letter: 500 until it is replayed. */
        DEAD_LETTER(Outcome.FAILED),
        /** An unexpected failure after the event was recorded: 500. */
        INTERNAL_ERROR(Outcome.FAILED);

        private final Outcome outcome;
        private final String code;

        Reason(Outcome outcome) {
            this.outcome = outcome;
            this.code = name().toLowerCase(java.util.Locale.ROOT);
        }

        /** {@return the kind of answer this reason gives} */
        public Outcome outcome() {
            return outcome;
        }

        /** {@return the stable code, such as {@code not_authenticated}} */
        public String code() {
            return code;
        }

        /** {@return true for refusals that mean the sender could not prove who it is (verification failures)} */
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
        /** It returned. */
        SUCCEEDED,
        /** It threw. */
        FAILED,
        /** It ran past the handler timeout (queued). */
        TIMED_OUT
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
     * @param nanos    how long the call took; 0 for a call that started while nobody listened
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
