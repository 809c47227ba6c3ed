package dev.ramphook;

/**
 * A delivery's body cannot be an event: it is not a JSON object or lacks the event name. The receiver answers 400
 * and puts the message in the response, so the message must never contain secrets or payload values.
 */
public final class InvalidPayloadException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidPayloadException(String message) {
        super(message, null, false, false);
    }
}
