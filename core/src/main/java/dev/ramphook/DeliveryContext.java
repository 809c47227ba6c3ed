package dev.ramphook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** How an event reached the handler: which attempt this is, when it arrived, through which endpoint. */
public interface DeliveryContext {

    /** 1 for the first run of the handlers, 2 for the first retry, and so on. */
    int attempt();

    /** When ramphook first recorded the event. */
    Instant receivedAt();

    /** The configured endpoint path that received the event, such as {@code /webhooks/zbd}. */
    String endpoint();

    /**
     * The first value of a request header, matched case-insensitively. Headers that carry credentials
     * (signatures, tokens, authorization, cookies) are not kept and always read as empty.
     */
    Optional<String> header(String name);

    /** All values of a request header, with the same redaction as {@link #header(String)}. */
    List<String> headers(String name);
}
