package dev.ramphook.example.tomcat;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;

/**
 * The application's webhook handlers, named in {@code ramphook.properties} ({@code ramphook.handlers}) and created
 * with this no-argument constructor. Nothing else in this WAR knows about ramphook.
 */
public class PaymentHandlers {

    // The JDK's logger: this WAR ships no logging back-end, and Tomcat writes java.util.logging to its own logs.
    private static final System.Logger log = System.getLogger(PaymentHandlers.class.getName());

    /** Created once by ramphook's servlet drop-in, which finds this class through {@code ramphook.handlers}. */
    public PaymentHandlers() {
    }

    /** ZBD Ramp: the user paid; fulfil the order of this session. */
    @OnEvent(value = "PAYMENT.SETTLED", provider = "zbd")
    void paymentSettled(WebhookEvent<?> event) {
        log.log(System.Logger.Level.INFO, "ZBD payment settled, session {0}",
                event.json().path("data").path("session_id").asText("?"));
    }

    /** meCash: a payout completed, failed, is pending or was refunded. */
    @OnEvent(value = "ramp.payout.*", provider = "mecash")
    void payout(WebhookEvent<?> event) {
        log.log(System.Logger.Level.INFO, "meCash {0} for transaction {1}", event.name(),
                event.json().path("data").path("id").asText("?"));
    }

    /** Every event, for GET /events. */
    @OnEvent("*")
    void audit(WebhookEvent<?> event) {
        RecentEvents.add(event);
    }
}
