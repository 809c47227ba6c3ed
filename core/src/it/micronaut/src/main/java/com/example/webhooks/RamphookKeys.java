package com.example.webhooks;

import dev.ramphook.Provider;
import dev.ramphook.WebhookReceiver;
import dev.ramphook.auth.Authenticator;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.auth.IpAllowlist;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.store.EventStore;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code ramphook.*} keys this application uses, read from Micronaut's configuration (application.yml or
 * .properties, environment variables, system properties), secrets by the name a {@code *-env} key gives (an
 * environment variable, else a system property). A stand-in, kept to one class, for core's own parser of the keys:
 * switching is replacing {@code RamphookKeys.from(environment)} with it. An unknown key stops start-up.
 */
final class RamphookKeys {

    private static final Set<String> ENDPOINT_KEYS = Set.of("path", "provider", "auth", "token-param", "token-env",
            "secret-env", "signature-header", "allowed-ips", "trusted-proxies");
    private static final Set<String> RECEIVER_KEYS = Set.of("max-body-bytes", "body-read-timeout", "store",
            "handlers");

    private final Map<String, String> keys;

    private RamphookKeys(Map<String, String> keys) {
        this.keys = new TreeMap<>(keys);
    }

    /**
     * The keys under {@code ramphook} of Micronaut's configuration, as written (kebab-case); each known key is also
     * looked up by name, which is how Micronaut finds it in an environment variable ({@code RAMPHOOK_MAX_BODY_BYTES},
     * {@code RAMPHOOK_ENDPOINT_ZBD_ALLOWED_IPS} for an endpoint named in the file).
     */
    static RamphookKeys from(Environment environment) {
        Map<String, String> keys = new TreeMap<>();
        environment.getProperties("ramphook", StringConvention.RAW).forEach((key, value) -> {
            if (value != null) {
                keys.put("ramphook." + key, String.valueOf(value));
            }
        });
        Set<String> known = new TreeSet<>();
        RECEIVER_KEYS.forEach(key -> known.add("ramphook." + key));
        for (String key : Set.copyOf(keys.keySet())) {
            String[] parts = key.split("\\.", 4);
            if (parts.length == 4 && parts[1].equals("endpoint")) {
                ENDPOINT_KEYS.forEach(name -> known.add("ramphook.endpoint." + parts[2] + "." + name));
            }
        }
        known.forEach(key -> environment.getProperty(key, String.class).ifPresent(value -> keys.put(key, value)));
        return new RamphookKeys(keys);
    }

    /** Keys given as a map, such as {@code ramphook.endpoint.zbd.path} to {@code /webhooks/zbd}. */
    static RamphookKeys from(Map<String, String> keys) {
        return new RamphookKeys(keys);
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
        optional("ramphook.handlers").ifPresent(v -> Arrays.stream(list(v)).forEach(t -> builder.handlers(instance(t))));
        return builder;
    }

    private Authenticator authenticator(String prefix) {
        String auth = required(prefix + "auth");
        String header = optional(prefix + "signature-header").orElse("X-Signature");
        Authenticator authenticator = switch (auth) {
            case "url-token" -> UrlToken.query(optional(prefix + "token-param").orElse("token"),
                    secret(prefix + "token-env"));
            case "hmac-sha512-hex" -> HmacSignature.sha512Hex(header, secret(prefix + "secret-env"));
            case "hmac-sha256-hex" -> HmacSignature.sha256Hex(header, secret(prefix + "secret-env"));
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
        String value = Optional.ofNullable(System.getenv(variable)).orElseGet(() -> System.getProperty(variable));
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " names " + variable + ", which is not set");
        }
        return value;
    }

    private static Provider provider(String id) {
        Set<String> known = new TreeSet<>();
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
