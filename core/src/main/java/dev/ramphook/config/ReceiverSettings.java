package dev.ramphook.config;

import dev.ramphook.receiver.ConsoleSettings;
import dev.ramphook.DeliveryListener;
import dev.ramphook.Provider;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.provider.Providers;
import dev.ramphook.store.EventStore;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * A receiver configured by {@code ramphook.*} keys, fully validated: every key, provider, secret and handler class is
 * checked when it is parsed, so that a mistake stops the application at start-up with a message naming the key
 * (and, for a misspelt key, the key it was meant to be) rather than failing a delivery. The one parser of those keys:
 * {@code ramphook.properties}, servlet init parameters, the Spring Environment and environment variables are only
 * ways of supplying them.
 *
 * <pre>{@code
 * Properties keys = new Properties();
 * keys.load(reader);                                     // ramphook.endpoint.zbd.path=/webhooks/zbd ...
 * WebhookReceiver receiver = ReceiverSettings.from(keys).builder().handlers(new Payments()).build();
 * }</pre>
 *
 * <p>Secrets are never key values: {@code *-env} keys name the environment variable (else system property) that
 * holds each one. Immutable and thread-safe once parsed.
 */
public final class ReceiverSettings {

    /** Every {@code ramphook.<key>}; a key missing here is reported as unknown before it is read. */
    static final List<String> GLOBAL_KEYS = KeyTable.globalKeys();
    /** Every {@code ramphook.endpoint.<name>.<key>}. */
    static final List<String> ENDPOINT_KEYS = KeyTable.endpointKeys();
    private static final String JDBC = "jdbc";

    /**
     * One configured endpoint, as parsed.
     *
     * @param name          the {@code <name>} of its {@code ramphook.endpoint.<name>.*} keys
     * @param path          where it receives deliveries
     * @param provider      whose deliveries it receives
     * @param authenticator how they are verified (with the allowlist, when one is configured)
     */
    public record Endpoint(String name, String path, Provider provider, Authenticator authenticator) {
    }

    /**
     * One documented key.
     *
     * @param name         the key, {@code ramphook.endpoint.<name>.} standing for any endpoint's name
     * @param defaultValue the default, as the documentation states it (Markdown)
     * @param meaning      what it does (Markdown)
     */
    public record Key(String name, String defaultValue, String meaning) {
    }

    /**
     * The database of {@code ramphook.store=jdbc} when the application builds its pool from keys: what
     * {@code ramphook.jdbc.url}, {@code .user} and {@code .password-env} say.
     *
     * @param url      the JDBC URL
     * @param user     the user, when set
     * @param password the password read from the variable {@code ramphook.jdbc.password-env} names, when set
     */
    public record Database(String url, Optional<String> user, Optional<String> password) {

        /** The URL and user only: the password is never shown. */
        @Override
        public String toString() {
            return "Database[" + url + (user.isPresent() ? ", user " + user.get() : "") + "]";
        }
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
    private final Integer retentionSeconds;
    private final boolean jdbc;
    private final Database database;

    private ReceiverSettings(List<Endpoint> endpoints, List<Object> handlers, EventStore store, Integer maxBodyBytes,
                           String handling, int workers, boolean workersSet, Integer bodyReadTimeoutSeconds,
                           ConsoleSettings console, Integer maxPendingAgeSeconds, Integer recordTimeoutSeconds,
                           Long maxBodyBytesInFlight, Integer retentionSeconds, boolean jdbc, Database database) {
        this.retentionSeconds = retentionSeconds;
        this.jdbc = jdbc;
        this.database = database;
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
     * Parses {@code ramphook.*} keys, such as a loaded {@code ramphook.properties}; secrets from the environment,
     * then system properties; classes and providers from the thread's context class loader.
     *
     * @param keys {@code ramphook.*} keys and their values
     * @return the validated settings
     * @throws ConfigException naming the first bad key (every key whose secret variable is unset, at once); a key
     *                         that is not {@code ramphook.*} is one
     */
    public static ReceiverSettings from(Properties keys) {
        Map<String, String> values = new HashMap<>();
        for (String key : keys.stringPropertyNames()) {
            values.put(key, keys.getProperty(key));
        }
        return from(values);
    }

    /**
     * {@link #from(Properties)} for keys in a map.
     *
     * @param keys {@code ramphook.*} key to value
     * @return the validated settings
     * @throws ConfigException naming the first bad key
     */
    public static ReceiverSettings from(Map<String, String> keys) {
        return from(keys, ReceiverSettings::environmentSecret, defaultClassLoader());
    }

    /**
     * The keys of environment variables, by {@link #environmentKeys}; secrets from the same map, then system
     * properties. {@code ReceiverSettings.fromEnvironment(System.getenv())} configures a receiver from the process
     * environment alone.
     *
     * @param environment variable name to value, such as {@code System.getenv()}
     * @return the validated settings
     * @throws ConfigException naming the key (as {@link #environmentKeys} spells it) of the first bad variable
     */
    public static ReceiverSettings fromEnvironment(Map<String, String> environment) {
        return from(environmentKeys(environment), name -> {
            String value = environment.get(name);
            return value == null || value.isEmpty() ? Optional.ofNullable(System.getProperty(name))
                    .filter(v -> !v.isEmpty()) : Optional.of(value);
        }, defaultClassLoader());
    }

    /**
     * Parses {@code ramphook.*} keys with the given sources.
     *
     * @param keys        {@code ramphook.*} key to value; any other key is reported as not a ramphook key
     * @param secrets     looks a secret up by the variable name a {@code *-env} key gives
     * @param classLoader finds providers ({@link java.util.ServiceLoader}), handler and store classes
     * @return the validated settings
     * @throws ConfigException naming the first bad key (every key whose secret variable is unset, at once)
     */
    public static ReceiverSettings from(Map<String, String> keys, Function<String, Optional<String>> secrets,
                                        ClassLoader classLoader) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(classLoader, "classLoader");
        return parse(new Settings(keys), classLoader, secrets);
    }

    /**
     * The rule from environment variables to keys: {@code RAMPHOOK_} and the key after {@code ramphook.}, upper
     * case, with {@code _} for each {@code .} and {@code -}. {@code RAMPHOOK_MAX_BODY_BYTES} is
     * {@code ramphook.max-body-bytes}, {@code RAMPHOOK_CONSOLE_PASSWORD_ENV} is {@code ramphook.console.password-env}
     * and {@code RAMPHOOK_ENDPOINT_ZBD_EU_TOKEN_ENV} is {@code ramphook.endpoint.zbd-eu.token-env} (the endpoint
     * name is what stands between {@code ENDPOINT_} and a known endpoint key, lower case, {@code _} read as
     * {@code -}). Other variables are not keys; neither is a variable that a {@code *-env} key names (it holds a
     * secret, such as {@code RAMPHOOK_CONSOLE_PASSWORD}). Any other {@code RAMPHOOK_*} variable becomes the key it
     * spells, so that a misspelt one is reported (with the key it was meant to be) rather than ignored.
     *
     * @param environment variable name to value, such as {@code System.getenv()}
     * @return key to value, sorted by key
     */
    public static Map<String, String> environmentKeys(Map<String, String> environment) {
        return EnvironmentKeys.of(environment);
    }

    /**
     * Every documented key, in the order of the documentation's table.
     *
     * @return the keys; the parser knows no other
     */
    public static List<Key> keys() {
        return KeyTable.KEYS;
    }

    /**
     * The secret source of {@link #from(Map)}: the environment variable {@code name}, else the system property;
     * empty when neither is set (or both are empty).
     *
     * @param name the variable's name
     * @return its value
     */
    public static Optional<String> environmentSecret(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            value = System.getProperty(name);
        }
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : ReceiverSettings.class.getClassLoader();
    }

    static ReceiverSettings parse(Settings settings, ClassLoader classLoader,
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
        Optional<String> storeName = settings.optional(Settings.PREFIX + "store");
        boolean jdbc = storeName.filter(JDBC::equals).isPresent();
        EventStore store = storeName.filter(name -> !jdbc)
                .map(name -> instantiate(Settings.PREFIX + "store", name, classLoader, EventStore.class))
                .orElse(null);
        Database database = database(settings, jdbc, secrets);
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
        Integer retention = settings.optional(Settings.PREFIX + "retention").isPresent()
                ? settings.positiveInt(Settings.PREFIX + "retention", 0) : null;
        Long inFlight = settings.positiveLong(Settings.PREFIX + "max-body-bytes-in-flight");
        // 1 << 20: WebhookReceiver.Builder's default max-body-bytes
        if (inFlight != null && inFlight < (maxBody == null ? 1 << 20 : maxBody)) {
            throw new ConfigException(Settings.PREFIX + "max-body-bytes-in-flight=" + inFlight + " is below "
                    + Settings.PREFIX + "max-body-bytes: no body of the largest size could be read");
        }
        settings.rejectUnread();
        return new ReceiverSettings(List.copyOf(endpoints), List.copyOf(handlers), store, maxBody, handling, workers,
                workersSet, bodyReadTimeout, console, maxPendingAge, recordTimeout, inFlight, retention, jdbc, database);
    }

    /**
     * The configured endpoints.
     *
     * @return the endpoints, sorted by name
     */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /**
     * With {@code ramphook.store=jdbc} and {@code ramphook.jdbc.url}: the database, for the application that builds
     * its connection pool from keys and hands the store to {@link #build(Collection, EventStore)}.
     *
     * @return the database, or empty without {@code ramphook.jdbc.url}
     */
    public Optional<Database> database() {
        return Optional.ofNullable(database);
    }

    /**
     * The console's path below the context path, when the console is on.
     *
     * @return the path, or empty when the console is off
     */
    public Optional<String> consolePath() {
        return Optional.ofNullable(console).map(ConsoleSettings::path);
    }

    /**
     * The URL patterns the filter (and the async fallback servlet) must cover: each endpoint and one segment below
     * it (path tokens), and the console with everything below it.
     *
     * @return servlet URL patterns, such as {@code /webhooks/zbd} and {@code /webhooks/zbd/*}
     */
    public List<String> urlPatterns() {
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
     * Builds the receiver with the configured handlers and store.
     *
     * @return the receiver; close it when the application stops
     * @throws ConfigException when the receiver rejects a handler (a bad {@code @OnEvent} method), or
     *                         {@code ramphook.store=jdbc} leaves the store to the application
     */
    public WebhookReceiver build() {
        return build(List.of(), null);
    }

    /**
     * Builds the receiver with the configured handlers plus {@code extraHandlers} (beans of a DI container, say),
     * and {@code storeOverride} instead of the configured store when not null (required with
     * {@code ramphook.store=jdbc}: the {@code JdbcEventStore} on the application's DataSource).
     *
     * @param extraHandlers handler objects besides those {@code ramphook.handlers} names
     * @param storeOverride the store to use instead of the configured one, or null
     * @return the receiver; close it when the application stops
     * @throws ConfigException when the receiver rejects a handler (a bad {@code @OnEvent} method), naming it
     */
    public WebhookReceiver build(Collection<?> extraHandlers, EventStore storeOverride) {
        return build(extraHandlers, storeOverride, List.of());
    }

    /**
     * {@link #build(Collection, EventStore)} with {@code listeners} registered, in order (a DI container's
     * {@code DeliveryListener} beans, say).
     *
     * @param extraHandlers handler objects besides those {@code ramphook.handlers} names
     * @param storeOverride the store to use instead of the configured one, or null
     * @param listeners     listeners of the receiver's deliveries, handler runs, attempts and store calls
     * @return the receiver; close it when the application stops
     * @throws ConfigException when the receiver rejects a handler (a bad {@code @OnEvent} method), naming it
     */
    public WebhookReceiver build(Collection<?> extraHandlers, EventStore storeOverride,
                                 List<DeliveryListener> listeners) {
        if (jdbc && storeOverride == null) {
            throw new ConfigException(Settings.PREFIX + "store=jdbc needs the store on the application's DataSource:"
                    + " pass JdbcEventStore.of(dataSource) to ReceiverSettings.build(handlers, store)"
                    + (database == null ? "" : " (ramphook.jdbc.url names the database to pool)"));
        }
        WebhookReceiver.Builder builder = builder(extraHandlers, storeOverride);
        listeners.forEach(builder::listener);
        try {
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(Settings.PREFIX + "handlers: " + e.getMessage(), e);
        }
    }

    /**
     * A builder holding everything the keys configure, for settings and handlers that keys cannot give (handler
     * instances, a clock, listeners). With {@code ramphook.store=jdbc} give it the store ({@code store(...)}).
     *
     * @return a new builder; each call gives another
     * @throws ConfigException when {@code ramphook.workers} is set and handling is inline
     */
    public WebhookReceiver.Builder builder() {
        return builder(List.of(), null);
    }

    /**
     * Checks every configured handler method against the endpoints as {@link #build} will, without building: the
     * servlet initializer calls it so that a bad method stops the application where the container reports it first.
     *
     * @throws ConfigException naming the class and method
     */
    public void validate() {
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
        if (retentionSeconds != null) {
            builder.retention(Duration.ofSeconds(retentionSeconds));
        }
        if (console != null) {
            builder.console(console);
        }
        // The receiver applies workers to a queue its store chose as to an explicit queued(); checked here first
        // only so that the message names the keys.
        boolean durable = chosen != null ? chosen.durable() : jdbc;
        boolean queued = handling.equals("default") ? durable : handling.equals("queued");
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

    /** The database keys, which apply only with {@code ramphook.store=jdbc}. */
    private static Database database(Settings settings, boolean jdbc, Function<String, Optional<String>> secrets) {
        String urlKey = Settings.PREFIX + "jdbc.url";
        Optional<String> url = settings.optional(urlKey);
        Optional<String> user = settings.optional(Settings.PREFIX + "jdbc.user");
        Optional<String> passwordEnv = settings.optional(Settings.PREFIX + "jdbc.password-env");
        if (url.isEmpty()) {
            if (user.isPresent() || passwordEnv.isPresent()) {
                throw new ConfigException((user.isPresent() ? Settings.PREFIX + "jdbc.user" : Settings.PREFIX
                        + "jdbc.password-env") + " applies only together with " + urlKey);
            }
            return null;
        }
        if (!jdbc) {
            throw new ConfigException(urlKey + " applies only with " + Settings.PREFIX + "store=jdbc");
        }
        Optional<String> password = passwordEnv.map(name -> secrets.apply(name).orElseThrow(() ->
                ConfigException.unsetSecret(Settings.PREFIX + "jdbc.password-env names " + name + ", but neither an"
                        + " environment variable nor a system property " + name + " is set")));
        return new Database(url.get(), user, password);
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
