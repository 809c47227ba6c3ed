package dev.ramphook.servlet;

import dev.ramphook.ConsoleSettings;
import dev.ramphook.DeliveryListener;
import dev.ramphook.Provider;
import dev.ramphook.WebhookReceiver;
import dev.ramphook.auth.Authenticator;
import dev.ramphook.provider.Providers;
import dev.ramphook.store.EventStore;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The zero-code configuration, fully validated: every key, provider, secret and handler class is checked when the
 * application starts, so that a mistake stops it with a message naming the key rather than failing a delivery.
 */
final class ReceiverConfig {

    /** Every {@code ramphook.<key>}; a key missing here is reported as unknown before it is read. */
    static final List<String> GLOBAL_KEYS = globalKeys();
    /** Every {@code ramphook.endpoint.<name>.<key>}. */
    static final List<String> ENDPOINT_KEYS = endpointKeys();

    /** One configured endpoint. */
    record Endpoint(String name, String path, Provider provider, Authenticator authenticator) {
    }

    private final List<Endpoint> endpoints;
    private final List<Object> handlers;
    private final EventStore store;
    private final Integer maxBodyBytes;
    private final Long maxBodyBytesInFlight;
    private final String handling;
    private final int workers;
    private final boolean workersSet;
    private final Integer bodyReadTimeoutSeconds;
    private final ConsoleSettings console;
    private final Integer maxPendingAgeSeconds;
    private final Integer recordTimeoutSeconds;

    private ReceiverConfig(List<Endpoint> endpoints, List<Object> handlers, EventStore store, Integer maxBodyBytes,
                           String handling, int workers, boolean workersSet, Integer bodyReadTimeoutSeconds,
                           ConsoleSettings console, Integer maxPendingAgeSeconds, Integer recordTimeoutSeconds,
                           Long maxBodyBytesInFlight) {
        this.maxBodyBytesInFlight = maxBodyBytesInFlight;
        this.recordTimeoutSeconds = recordTimeoutSeconds;
        this.bodyReadTimeoutSeconds = bodyReadTimeoutSeconds;
        this.console = console;
        this.maxPendingAgeSeconds = maxPendingAgeSeconds;
        this.endpoints = endpoints;
        this.handlers = handlers;
        this.store = store;
        this.maxBodyBytes = maxBodyBytes;
        this.handling = handling;
        this.workers = workers;
        this.workersSet = workersSet;
    }

    /**
     * @param classLoader finds providers ({@link java.util.ServiceLoader}), handler and store classes
     * @param secrets     looks secrets up by name (environment, then system properties)
     * @throws ConfigException naming the first bad key (every key whose secret variable is unset, at once)
     */
    static ReceiverConfig parse(Settings settings, ClassLoader classLoader,
                                Function<String, Optional<String>> secrets) {
        settings.rejectUnknown(GLOBAL_KEYS, ENDPOINT_KEYS);
        Map<String, Provider> providers = Providers.all(classLoader);
        AuthenticatorConfig auth = new AuthenticatorConfig(settings, secrets);
        List<Endpoint> endpoints = new ArrayList<>();
        List<String> unsetSecrets = new ArrayList<>(); // all of them at once: one restart to fix, not one per endpoint
        for (String name : settings.endpointNames()) {
            String prefix = Settings.ENDPOINT_PREFIX + name + ".";
            String path = settings.required(prefix + "path", "the path below the context path, such as /webhooks/"
                    + name);
            if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("*")) {
                throw new ConfigException(prefix + "path=" + path + " must start with /, not end with / and have no *");
            }
            String providerId = settings.optional(prefix + "provider").orElse(name);
            Provider provider = providers.get(providerId);
            if (provider == null) {
                throw new ConfigException(prefix + "provider=" + providerId + " is not a known provider; found "
                        + (providers.isEmpty() ? "none" : String.join(", ", providers.keySet()))
                        + " (providers are found through ServiceLoader<dev.ramphook.Provider>)");
            }
            try {
                endpoints.add(new Endpoint(name, path, provider, auth.forEndpoint(prefix, provider)));
            } catch (ConfigException e) {
                if (!e.isUnsetSecret()) {
                    throw e;
                }
                unsetSecrets.add(e.getMessage());
            }
        }
        if (!unsetSecrets.isEmpty()) {
            throw ConfigException.unsetSecret(String.join("; ", unsetSecrets));
        }
        if (endpoints.isEmpty()) {
            throw new ConfigException("no endpoint configured: add " + Settings.ENDPOINT_PREFIX + "<name>.path,"
                    + " .provider and .auth");
        }
        List<Object> handlers = new ArrayList<>();
        for (String className : settings.list(Settings.PREFIX + "handlers")) {
            handlers.add(instantiate(Settings.PREFIX + "handlers", className, classLoader, Object.class));
        }
        EventStore store = settings.optional(Settings.PREFIX + "store")
                .map(name -> instantiate(Settings.PREFIX + "store", name, classLoader, EventStore.class))
                .orElse(null);
        Integer maxBody = settings.optional(Settings.PREFIX + "max-body-bytes").isPresent()
                ? settings.positiveInt(Settings.PREFIX + "max-body-bytes", 0) : null;
        String handling = settings.optional(Settings.PREFIX + "handling").orElse("default");
        if (!List.of("default", "inline", "queued").contains(handling)) {
            throw new ConfigException(Settings.PREFIX + "handling=" + handling + " is unknown: use inline or queued");
        }
        boolean workersSet = settings.optional(Settings.PREFIX + "workers").isPresent();
        int workers = settings.positiveInt(Settings.PREFIX + "workers", 4);
        if (workersSet && handling.equals("inline")) {
            throw new ConfigException(Settings.PREFIX + "workers applies to queued handling only, but "
                    + Settings.PREFIX + "handling=inline");
        }
        Integer bodyReadTimeout = settings.optional(Settings.PREFIX + "body-read-timeout").isPresent()
                ? settings.positiveInt(Settings.PREFIX + "body-read-timeout", 0) : null;
        ConsoleSettings console = ConsoleConfigKeys.parse(settings, secrets).orElse(null);
        for (Endpoint e : console == null ? List.<Endpoint>of() : endpoints) {
            if (e.path().equals(console.path()) || e.path().startsWith(console.path() + "/")
                    || console.path().startsWith(e.path() + "/")) {
                throw new ConfigException(Settings.PREFIX + ConsoleConfigKeys.PATH + "=" + console.path()
                        + " overlaps the path of endpoint " + e.name() + " (" + e.path() + ")");
            }
        }
        Integer maxPendingAge = settings.optional(Settings.PREFIX + "health.max-pending-age").isPresent()
                ? settings.positiveInt(Settings.PREFIX + "health.max-pending-age", 0) : null;
        Integer recordTimeout = settings.optional(Settings.PREFIX + "record-timeout").isPresent()
                ? settings.positiveInt(Settings.PREFIX + "record-timeout", 0) : null;
        Long inFlight = settings.positiveLong(Settings.PREFIX + "max-body-bytes-in-flight");
        // 1 << 20: WebhookReceiver.Builder's default max-body-bytes
        if (inFlight != null && inFlight < (maxBody == null ? 1 << 20 : maxBody)) {
            throw new ConfigException(Settings.PREFIX + "max-body-bytes-in-flight=" + inFlight + " is below "
                    + Settings.PREFIX + "max-body-bytes: no body of the largest size could be read");
        }
        settings.rejectUnread();
        return new ReceiverConfig(List.copyOf(endpoints), List.copyOf(handlers), store, maxBody, handling, workers,
                workersSet, bodyReadTimeout, console, maxPendingAge, recordTimeout, inFlight);
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The console's path below the context path, when the console is on. */
    Optional<String> consolePath() {
        return Optional.ofNullable(console).map(ConsoleSettings::path);
    }

    /**
     * The URL patterns the filter (and the async fallback servlet) must cover: each endpoint and one segment below
     * it (path tokens), and the console with everything below it.
     */
    List<String> urlPatterns() {
        List<String> patterns = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            patterns.add(endpoint.path());
            patterns.add(endpoint.path() + "/*");
        }
        consolePath().ifPresent(path -> {
            patterns.add(path);
            patterns.add(path + "/*");
        });
        return patterns;
    }

    /**
     * Builds the receiver with the configured handlers plus {@code extraHandlers} (beans a DI container put into
     * the servlet context), and {@code storeOverride} instead of the configured store when not null.
     *
     * @throws ConfigException when the receiver rejects the handlers (a bad {@code @OnEvent} method)
     */
    WebhookReceiver build(Collection<?> extraHandlers, EventStore storeOverride) {
        return build(extraHandlers, storeOverride, List.of());
    }

    /** {@link #build(Collection, EventStore)} with {@code listeners} registered (Spring's listener beans). */
    WebhookReceiver build(Collection<?> extraHandlers, EventStore storeOverride, List<DeliveryListener> listeners) {
        WebhookReceiver.Builder builder = builder(extraHandlers, storeOverride);
        listeners.forEach(builder::listener);
        try {
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(Settings.PREFIX + "handlers: " + e.getMessage(), e);
        }
    }

    /**
     * Checks every configured handler method against the endpoints as {@link #build} will, without building: the
     * initializer calls it so that a bad method stops the application where the container reports it first.
     *
     * @throws ConfigException naming the class and method
     */
    void validate() {
        try {
            builder(List.of(), null).validate();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(Settings.PREFIX + "handlers: " + e.getMessage(), e);
        }
    }

    private WebhookReceiver.Builder builder(Collection<?> extraHandlers, EventStore storeOverride) {
        WebhookReceiver.Builder builder = WebhookReceiver.builder();
        endpoints.forEach(e -> builder.endpoint(e.path(), e.provider(), e.authenticator()));
        builder.handlers(handlers.toArray());
        builder.handlers(extraHandlers.toArray());
        EventStore chosen = storeOverride != null ? storeOverride : store;
        if (chosen != null) {
            builder.store(chosen);
        }
        if (maxBodyBytes != null) {
            builder.maxBodyBytes(maxBodyBytes);
        }
        if (maxBodyBytesInFlight != null) {
            builder.maxBodyBytesInFlight(maxBodyBytesInFlight);
        }
        if (bodyReadTimeoutSeconds != null) {
            builder.bodyReadTimeout(Duration.ofSeconds(bodyReadTimeoutSeconds));
        }
        if (maxPendingAgeSeconds != null) {
            builder.maxPendingAge(Duration.ofSeconds(maxPendingAgeSeconds));
        }
        if (recordTimeoutSeconds != null) {
            builder.recordTimeout(Duration.ofSeconds(recordTimeoutSeconds));
        }
        if (console != null) {
            builder.console(console);
        }
        // The receiver applies workers to a queue its store chose as to an explicit queued(); checked here first
        // only so that the message names the keys.
        boolean queued = handling.equals("default") ? chosen != null && chosen.durable() : handling.equals("queued");
        if (workersSet && !queued) {
            throw new ConfigException(Settings.PREFIX + "workers applies to queued handling only, and the store is"
                    + " not durable, so handling is inline: remove it, or set " + Settings.PREFIX + "handling=queued");
        }
        if (handling.equals("queued")) {
            builder.queued();
        } else if (handling.equals("inline")) {
            builder.inline();
        }
        if (workersSet) {
            builder.workers(workers);
        }
        return builder;
    }

    private static List<String> globalKeys() {
        List<String> keys = new ArrayList<>(List.of("handlers", "store", "max-body-bytes", "handling", "workers",
                "body-read-timeout", "health.max-pending-age", "record-timeout",
                "max-body-bytes-in-flight"));
        keys.addAll(ConsoleConfigKeys.KEYS);
        return List.copyOf(keys);
    }

    private static List<String> endpointKeys() {
        List<String> keys = new ArrayList<>(List.of("path", "provider"));
        keys.addAll(AuthenticatorConfig.KEYS);
        return List.copyOf(keys);
    }

    private static <T> T instantiate(String key, String className, ClassLoader classLoader, Class<T> type) {
        Class<?> cls;
        try {
            cls = Class.forName(className, true, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException(key + ": class " + className + " cannot be loaded (" + e + ")", e);
        }
        if (!type.isAssignableFrom(cls)) {
            throw new ConfigException(key + ": class " + className + " is not a " + type.getName());
        }
        try {
            var constructor = cls.getDeclaredConstructor();
            constructor.setAccessible(true);
            return type.cast(constructor.newInstance());
        } catch (NoSuchMethodException e) {
            throw new ConfigException(key + ": class " + className + " needs a no-argument constructor (or hand"
                    + " ready instances over through the servlet context; see WebhookInitializer)", e);
        } catch (InvocationTargetException e) {
            throw new ConfigException(key + ": the constructor of " + className + " threw " + e.getCause(), e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ConfigException(key + ": class " + className + " cannot be instantiated (" + e + ")", e);
        }
    }
}
