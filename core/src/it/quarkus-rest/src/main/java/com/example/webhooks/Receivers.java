package com.example.webhooks;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.config.ReceiverSettings;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

@Singleton
public class Receivers {
    @Produces
    @Singleton
    @Startup // built at start-up: a wrong ramphook.* key or a missing secret stops the application
    WebhookReceiver receiver(Config config, Payments payments) {
        return settings(config).build(List.of(payments), null);
    }

    void close(@Disposes WebhookReceiver receiver) {
        receiver.close(); // stops accepting and finishes in-flight work when the application stops
    }

    /** The ramphook.* keys of Quarkus' configuration (profiles, env, .env), read by ramphook's own parser. */
    static ReceiverSettings settings(Config config) {
        Map<String, String> variables = new TreeMap<>(); // RAMPHOOK_* as set in the environment or a .env file
        for (ConfigSource source : config.getConfigSources()) {
            for (String name : source.getPropertyNames()) {
                if (name.startsWith("RAMPHOOK_")) {
                    config.getOptionalValue(name, String.class).ifPresent(value -> variables.put(name, value));
                }
            }
        }
        Map<String, String> keys = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            // Quarkus lists RAMPHOOK_MAX_BODY_BYTES as ramphook.max.body.bytes: such a key is the variable's, below
            if (name.startsWith("ramphook.") && !variables.containsKey(variable(name))) {
                config.getOptionalValue(name, String.class).ifPresent(value -> keys.put(name, value));
            }
        }
        keys.forEach((key, value) -> { // a variable that a *-env key names holds a secret: not a key
            if (key.endsWith("-env")) {
                variables.remove(value.trim());
            }
        });
        keys.putAll(ReceiverSettings.environmentKeys(variables)); // a variable wins, as always in Quarkus
        return ReceiverSettings.from(keys, name -> config.getOptionalValue(name, String.class),
                Thread.currentThread().getContextClassLoader());
    }

    private static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
