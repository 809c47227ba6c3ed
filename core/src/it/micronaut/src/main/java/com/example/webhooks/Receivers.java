package com.example.webhooks;

import dev.ramphook.WebhookReceiver;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;

@Factory
public class Receivers {
    @Context // built at start-up: a wrong ramphook.* key or a missing secret stops the application
    @Bean(preDestroy = "close") // stops accepting and finishes in-flight work when the application stops
    WebhookReceiver receiver(Environment environment, Payments payments) {
        return RamphookKeys.from(environment).builder().handlers(payments).build();
    }
}
