package dev.ramphook.example.tomcat;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's webhook handlers, named in {@code ramphook.properties} ({@code ramphook.handlers}) and created
 * with this no-argument constructor. Nothing else in this WAR knows about ramphook.
 */
public class PaymentHandlers {

    private static final Logger log = LoggerFactory.getLogger(PaymentHandlers.class);

    /** ZBD Ramp: the user paid; fulfil the order of this session. */
    @OnEvent(value = "PAYMENT.SETTLED", provider = "zbd")
    void paymentSettled(WebhookEvent<?> event) {
        log.info("ZBD payment settled, session {}", event.json().path("data").path("session_id").asText("?"));
    }

    /** meCash: a payout completed, failed, is pending or was refunded. */
    @OnEvent(value = "ramp.payout.*", provider = "mecash")
    void payout(WebhookEvent<?> event) {
        log.info("meCash {} for transaction {}", event.name(), event.json().path("data").path("id").asText("?"));
    }

    /** Every event, for GET /events. */
    @OnEvent("*")
    void audit(WebhookEvent<?> event) {
        RecentEvents.add(event);
    }
}
