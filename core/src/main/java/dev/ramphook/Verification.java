package dev.ramphook;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of an {@link Authenticator}: accepted, or rejected with a status (401 or 403) and a reason that
 * names the failed check. A reason is sent to the caller and logged, so it never contains a secret, a token or a
 * signature.
 */
public final class Verification {

    private static final Verification OK = new Verification(200, null, null);

    private final int status;
    private final String reason;
    private final String eventId;

    private Verification(int status, String reason, String eventId) {
        this.status = status;
        this.reason = reason;
        this.eventId = eventId;
    }

    /** {@return the outcome of a check that passed} */
    public static Verification ok() {
        return OK;
    }

    /**
     * The delivery is genuine and the authentication scheme names the event (a Standard Webhooks
     * {@code webhook-id}, say): that id becomes the event's deduplication key, in place of the provider's own key,
     * unless the endpoint's provider has an explicit {@link dev.ramphook.Provider#withDedupKey} rule, which wins.
     * The precedence, decided in one place by the receiver: an explicit {@code withDedupKey} rule, then this id,
     * then the provider's own key; the winner is bounded ({@link dev.ramphook.provider.EventKeys#bounded}).
     *
     * @param eventId the id the sender gave the event, already authenticated
     * @return the outcome of a check that passed, carrying the id
     * @throws NullPointerException when {@code eventId} is null
     */
    public static Verification ok(String eventId) {
        return new Verification(200, null, Objects.requireNonNull(eventId, "eventId"));
    }

    /**
     * 401: a credential is missing or wrong, or the timestamp is outside the tolerance.
     *
     * @param reason the failed check, such as {@code no matching signature}; sent to the caller and logged, so
     *               never a secret, token or signature
     * @return a rejection with status 401
     * @throws NullPointerException when {@code reason} is null
     */
    public static Verification unauthorized(String reason) {
        return new Verification(401, Objects.requireNonNull(reason, "reason"), null);
    }

    /**
     * 403: the caller is not allowed at all, such as a source address outside the allowlist.
     *
     * @param reason the failed check; sent to the caller and logged, so never a secret
     * @return a rejection with status 403
     * @throws NullPointerException when {@code reason} is null
     */
    public static Verification forbidden(String reason) {
        return new Verification(403, Objects.requireNonNull(reason, "reason"), null);
    }

    /** {@return whether the delivery was accepted} */
    public boolean isOk() {
        return status == 200;
    }

    /** {@return 200 when accepted, else 401 or 403} */
    public int status() {
        return status;
    }

    /** {@return why it was rejected; empty when accepted} */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** {@return the event id the authentication scheme supplied; empty when it supplies none} */
    public Optional<String> eventId() {
        return Optional.ofNullable(eventId);
    }

    @Override
    public String toString() {
        return isOk() ? "Verification[ok]" : "Verification[" + status + " " + reason + "]";
    }
}
