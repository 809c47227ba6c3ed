package dev.ramphook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How an event reached the handler: which attempt this is, when it arrived, through which endpoint, with which
 * headers. Declare it as a parameter of an {@link OnEvent} method, or take it in an {@link EventHandler}. Immutable;
 * valid after the handler returns.
 */
public interface DeliveryContext {

    /**
     * Which run of the event's handlers this is. A handler with side effects that must happen once keys them on
     * {@link WebhookEvent#key()}, since a retry (or a redelivery after a crash) runs it again.
     *
     * @return 1 for the first run of the handlers, 2 for the first retry, and so on
     */
    int attempt();

    /** {@return when ramphook first recorded the event (the receiver's clock), the same on every attempt} */
    Instant receivedAt();

    /**
     * {@return the configured endpoint path that received the event, such as {@code /webhooks/zbd}; never the
     * request path, which may hold a URL token}
     */
    String endpoint();

    /**
     * The first value of a request header, matched case-insensitively. Headers that carry credentials
     * (any whose name contains {@code key}, {@code auth}, {@code token}, {@code secret}, {@code signature},
     * {@code password}, {@code cookie} or {@code session}) are not kept and always read as empty; URL credentials
     * inside kept values read as {@code ***} ({@link Masking#header}).
     *
     * @param name the header name, in any case
     * @return its first value, or empty when the delivery had none (or it is a credential)
     */
    Optional<String> header(String name);

    /**
     * All values of a request header, with the same redaction as {@link #header(String)}.
     *
     * @param name the header name, in any case
     * @return its values in the order received; empty when there are none
     */
    List<String> headers(String name);
}
