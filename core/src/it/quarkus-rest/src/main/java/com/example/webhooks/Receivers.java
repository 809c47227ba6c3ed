package com.example.webhooks;

import dev.ramphook.receiver.WebhookReceiver;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

@Singleton
public class Receivers {
    @Produces
    @Singleton
    WebhookReceiver receiver(Config config, Payments payments) {
        return RamphookKeys.from(config).builder().handlers(payments).build();
    }

    void close(@Disposes WebhookReceiver receiver) {
        receiver.close();
    }
}
