package com.example.webhooks;

import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.zbd.ZbdPayment;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;

@Singleton
public class Payments {
    @OnEvent("PAYMENT.SETTLED")
    public void settled(ZbdPayment payment) {
        Log.infof("paid: session %s, %s", payment.sessionId(), payment.baseAmount());
    }

    @OnEvent("*")
    public void any(WebhookEvent<?> event) {
        Log.infof("got %s %s", event.name(), event.key());
    }
}
