package com.example.webhooks;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.mecash.MeCashPayout;
import dev.ramphook.zbd.ZbdPayment;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Singleton
public class Payments {
    private static final Logger log = LoggerFactory.getLogger(Payments.class);

    @OnEvent("PAYMENT.SETTLED")
    void settled(ZbdPayment payment) {
        log.info("paid: session {}, {}", payment.sessionId(), payment.baseAmount());
    }

    @OnEvent("ramp.payout.completed")
    void payout(MeCashPayout payout) {
        log.info("paid out: {}", payout.id());
    }

    @OnEvent("*")
    void any(WebhookEvent<?> event) {
        log.info("got {} {}", event.name(), event.key());
    }
}
