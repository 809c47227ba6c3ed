package com.example.webhooks;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.config.ReceiverSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Factory
public class Receivers {
    @Context // built at start-up: a wrong ramphook.* key or a missing secret stops the application
    @Bean(preDestroy = "close") // stops accepting and finishes in-flight work when the application stops
    WebhookReceiver receiver(Environment environment, Payments payments) {
        Map<String, String> keys = new TreeMap<>();
        environment.getProperties("ramphook", StringConvention.RAW)
                .forEach((key, value) -> keys.put("ramphook." + key, String.valueOf(value)));
        keys.putAll(ReceiverSettings.environmentKeys(System.getenv())); // RAMPHOOK_MAX_BODY_BYTES and the like
        return ReceiverSettings.from(keys).build(List.of(payments), null);
    }
}
