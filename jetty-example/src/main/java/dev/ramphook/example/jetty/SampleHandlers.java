package dev.ramphook.example.jetty;

import dev.ramphook.DeliveryContext;
import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an application writes: annotated methods, one per kind of event it cares about. */
public final class SampleHandlers {

    private static final Logger log = LoggerFactory.getLogger(SampleHandlers.class);

    private final EventLog events;

    SampleHandlers(EventLog events) {
        this.events = events;
    }

    /** ZBD Ramp: the user paid; credit the order of this session. */
    @OnEvent(value = "PAYMENT.SETTLED", provider = "zbd")
    void paymentSettled(WebhookEvent<?> event) {
        log.info("ZBD payment settled, session {}", event.json().path("data").path("session_id").asText("?"));
    }

    /** ZBD Ramp: every withdrawal outcome in one place. */
    @OnEvent(value = "WITHDRAWAL.*", provider = "zbd")
    void withdrawal(WebhookEvent<?> event) {
        log.info("ZBD withdrawal {}", event.shortName());
    }

    /** meCash: a payout finished, failed or was refunded. */
    @OnEvent(value = "ramp.payout.*", provider = "mecash")
    void payout(WebhookEvent<?> event) {
        log.info("meCash {} for transaction {}", event.name(), event.json().path("data").path("id").asText("?"));
    }

    /** Every event from every provider, including names no provider documents yet. */
    @OnEvent("*")
    void audit(WebhookEvent<?> event, DeliveryContext context) {
        events.add(event);
        log.info("received {} (attempt {}, via {})", event, context.attempt(), context.endpoint());
    }
}
