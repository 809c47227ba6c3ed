package dev.ramphook.example.jetty;

import dev.ramphook.DeliveryContext;
import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.mecash.RampPayout;
import dev.ramphook.zbd.ZbdPayment;
import dev.ramphook.zbd.ZbdWithdrawal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an application writes: annotated methods, one per kind of event it cares about, with typed data. */
public final class SampleHandlers {

    private static final Logger log = LoggerFactory.getLogger(SampleHandlers.class);

    private final EventLog events;

    SampleHandlers(EventLog events) {
        this.events = events;
    }

    /** ZBD Ramp: the user paid; credit the order of this session. Amounts are exact BigDecimals. */
    @OnEvent("PAYMENT.SETTLED")
    void paymentSettled(ZbdPayment payment) {
        log.info("ZBD payment settled: {} {} for session {}", payment.baseAmount(), payment.baseCurrency(),
                payment.sessionId());
    }

    /** ZBD Ramp: every withdrawal outcome in one place. */
    @OnEvent("WITHDRAWAL.*")
    void withdrawal(ZbdWithdrawal withdrawal, WebhookEvent<?> event) {
        log.info("ZBD {}: {} {} for session {}", event.shortName(), withdrawal.quoteAmount(),
                withdrawal.quoteCurrency(), withdrawal.sessionId());
    }

    /** meCash: a ramp payout completed, failed, is pending or was refunded. */
    @OnEvent("ramp.payout.*")
    void payout(RampPayout payout, WebhookEvent<?> event) {
        log.info("meCash {}: transaction {} is {}", event.name(), payout.id(), payout.state());
    }

    /** Every event from every provider, including names no provider documents yet. */
    @OnEvent("*")
    void audit(WebhookEvent<?> event, DeliveryContext context) {
        events.add(event);
        log.info("received {} (attempt {}, via {})", event, context.attempt(), context.endpoint());
    }
}
