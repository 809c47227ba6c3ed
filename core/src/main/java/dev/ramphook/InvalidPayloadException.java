package dev.ramphook;

/**
 * A delivery's body cannot be an event: it is not a JSON object or lacks the event name. The receiver answers 400
 * and puts the message in the response, so the message must never contain secrets or payload values.
 */
public final class InvalidPayloadException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * A refusal with the reason the sender will read (in the 400 answer) and the log will show.
     *
     * @param message why the body is not an event, such as {@code missing event name}; no payload values
     */
    public InvalidPayloadException(String message) {
        super(message, null, false, false);
    }
}
