package com.example.webhooks;

import dev.ramphook.Provider;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.auth.IpAllowlist;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.store.EventStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * The {@code ramphook.*} keys this application uses, read from Quarkus' configuration (application.properties,
 * environment, system properties), secrets by the name a {@code *-env} key gives. A stand-in, kept to one class,
 * for core's own parser of the keys ({@code dev.ramphook.config.ReceiverSettings.from(Map)}): switching is
 * replacing {@code RamphookKeys.from(config)} with it. An unknown key stops start-up.
 */
final class RamphookKeys {

    private static final Set<String> ENDPOINT_KEYS = Set.of("path", "provider", "auth", "token-param", "token-env",
            "secret-env", "signature-header", "allowed-ips", "trusted-proxies");
    private static final Set<String> RECEIVER_KEYS = Set.of("max-body-bytes", "body-read-timeout", "store",
            "handlers");

    private final Map<String, String> keys = new TreeMap<>();
    private final Config config;

    private RamphookKeys(Config config) {
        this.config = config;
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("ramphook.")) {
                config.getOptionalValue(name, String.class).ifPresent(value -> keys.put(name, value));
            }
        }
    }

    static RamphookKeys from(Config config) {
        return new RamphookKeys(config);
    }

    /** A builder with every configured endpoint and setting; the caller adds its handler beans and builds. */
    WebhookReceiver.Builder builder() {
        WebhookReceiver.Builder builder = WebhookReceiver.builder();
        Set<String> endpoints = new TreeSet<>();
        for (String key : keys.keySet()) {
            String rest = key.substring("ramphook.".length());
            if (rest.startsWith("endpoint.")) {
                String[] parts = rest.split("\\.", 3);
                if (parts.length != 3 || !ENDPOINT_KEYS.contains(parts[2])) {
                    throw new IllegalStateException(key + " is not a known ramphook key");
                }
                endpoints.add(parts[1]);
            } else if (!RECEIVER_KEYS.contains(rest)) {
                throw new IllegalStateException(key + " is not a known ramphook key");
            }
        }
        for (String name : endpoints) {
            String prefix = "ramphook.endpoint." + name + ".";
            Provider provider = provider(optional(prefix + "provider").orElse(name));
            builder.endpoint(required(prefix + "path"), provider, authenticator(prefix));
        }
        optional("ramphook.max-body-bytes").ifPresent(v -> builder.maxBodyBytes(Integer.parseInt(v.trim())));
        optional("ramphook.body-read-timeout")
                .ifPresent(v -> builder.bodyReadTimeout(Duration.ofSeconds(Long.parseLong(v.trim()))));
        optional("ramphook.store").ifPresent(v -> builder.store((EventStore) instance(v)));
        optional("ramphook.handlers").ifPresent(v -> Arrays.stream(v.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).forEach(type -> builder.handlers(instance(type))));
        return builder;
    }

    private Authenticator authenticator(String prefix) {
        String auth = required(prefix + "auth");
        Authenticator authenticator = switch (auth) {
            case "url-token" -> UrlToken.query(optional(prefix + "token-param").orElse("token"),
                    secret(prefix + "token-env"));
            case "hmac-sha512-hex" -> HmacSignature.sha512Hex(
                    optional(prefix + "signature-header").orElse("X-Signature"), secret(prefix + "secret-env"));
            case "hmac-sha256-hex" -> HmacSignature.sha256Hex(
                    optional(prefix + "signature-header").orElse("X-Signature"), secret(prefix + "secret-env"));
            default -> throw new IllegalStateException(prefix + "auth=" + auth + " is not supported here");
        };
        Optional<String> allowed = optional(prefix + "allowed-ips");
        if (allowed.isEmpty()) {
            return authenticator;
        }
        IpAllowlist allowlist = IpAllowlist.of(list(allowed.get()));
        Optional<String> proxies = optional(prefix + "trusted-proxies");
        if (proxies.isPresent()) {
            allowlist = allowlist.trustedProxies(list(proxies.get()));
        }
        return Authenticator.allOf(allowlist, authenticator);
    }

    private String secret(String key) {
        String variable = required(key);
        return config.getOptionalValue(variable, String.class)
                .orElseThrow(() -> new IllegalStateException(key + " names " + variable + ", which is not set"));
    }

    private static Provider provider(String id) {
        Set<String> known = new HashSet<>();
        for (Provider provider : ServiceLoader.load(Provider.class)) {
            if (provider.id().equals(id)) {
                return provider;
            }
            known.add(provider.id());
        }
        throw new IllegalStateException("no provider " + id + "; known: " + known);
    }

    private static Object instance(String type) {
        try {
            return Class.forName(type.trim(), true, Thread.currentThread().getContextClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type, e);
        }
    }

    private static String[] list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    private Optional<String> optional(String key) {
        return Optional.ofNullable(keys.get(key));
    }

    private String required(String key) {
        return optional(key).orElseThrow(() -> new IllegalStateException(key + " is required"));
    }
}
