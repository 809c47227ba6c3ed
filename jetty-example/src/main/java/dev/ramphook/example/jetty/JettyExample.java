package dev.ramphook.example.jetty;

import dev.ramphook.Provider;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.auth.IpAllowlist;
import dev.ramphook.config.ReceiverSettings;
import dev.ramphook.provider.Providers;
import dev.ramphook.servlet.WebhookFilter;
import dev.ramphook.store.EventStore;
import jakarta.servlet.DispatcherType;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A standalone webhook receiver: embedded Jetty 12.1 (ee10), the ramphook filter wired in code, sample handlers.
 *
 * <p>Environment: {@code PORT} (default 8080), {@code ZBD_WEBHOOK_TOKEN}, {@code MECASH_WEBHOOK_SECRET} (generated
 * and printed when unset), {@code EVENT_LOG} (a file that gets one JSON line per event), {@code RAMPHOOK_JDBC_URL}
 * (+ {@code RAMPHOOK_JDBC_USER}, {@code RAMPHOOK_JDBC_PASSWORD}: record events in PostgreSQL; memory otherwise),
 * {@code RAMPHOOK_ALLOWED_IPS} (comma-separated addresses or CIDR ranges, IPv4 or IPv6: every webhook endpoint then
 * also answers 403 to any other source; unset, no allowlist) and {@code RAMPHOOK_TRUSTED_PROXIES} (only with an allowlist:
 * the load balancers whose {@code X-Forwarded-For} is believed, right-most untrusted hop first) and
 * {@code RAMPHOOK_CONSOLE_PASSWORD} (the operator console's password at {@code /ramphook/}, user {@code ops};
 * generated and printed when unset), {@code RAMPHOOK_MAX_ATTEMPTS} and {@code RAMPHOOK_RETRY_BACKOFF} (queued
 * handling with few attempts and short waits, to see a dead letter in seconds: {@link Retries}). A malformed value
 * stops start-up with a message naming the variable. Stops cleanly on SIGTERM.
 *
 * <p>The receiver is configured as every ramphook receiver can be, by {@code ramphook.*} keys through the library's
 * parser ({@link ReceiverKeys}): the {@code RAMPHOOK_*} variables above are keys by the documented environment rule
 * ({@code RAMPHOOK_ALLOWED_IPS} is {@code ramphook.allowed-ips}) or the variables that the example's default
 * {@code *-env} keys name, and any other {@code RAMPHOOK_*} variable is the key it spells
 * ({@code RAMPHOOK_MAX_BODY_BYTES}).
 *
 * <p>Every other provider on the class path gets {@code /webhooks/<id>} too, with its own authentication keyed
 * with {@code <ID>_WEBHOOK_SECRET} (generated and printed when unset), except Ramp Network, verified with Ramp's
 * public key: {@code RAMPNETWORK_WEBHOOK_SECRET} must name it ({@code production}, {@code staging} or a PEM key) or
 * say {@code example-test-key} (trust the example's published test key, with a loud warning); unset, that endpoint
 * is off. {@code send <provider> <event> [--to <url>]} signs and posts a documented sample instead of running the
 * example ({@link Send}).
 */
// "try": close() throws what Jetty's Server.stop() throws, Exception (and so, in javac's eyes, InterruptedException).
@SuppressWarnings("try")
public final class JettyExample implements AutoCloseable {

    /**
     * How to run: from the environment in {@link #main}, or chosen by a test.
     *
     * @param keys the receiver keys the environment's {@code RAMPHOOK_*} variables spell ({@link ReceiverKeys}),
     *             over the example's defaults; null for none
     */
    record Options(int port, String zbdToken, String meCashSecret, Path eventLog, EventStore store, int maxBodyBytes,
                   Map<String, String> keys, Duration bodyReadTimeout, String consolePassword) {

        /**
         * Reads the example's variables ({@code PORT}, {@code EVENT_LOG}, the secrets) and the receiver's keys, and
         * checks those keys with the library's parser at once.
         *
         * @throws IllegalArgumentException naming the variable whose value is malformed
         */
        static Options fromEnvironment(Map<String, String> env) {
            String port = env.getOrDefault("PORT", "8080");
            String log = env.get("EVENT_LOG");
            Map<String, String> keys = new TreeMap<>(ReceiverKeys.fromEnvironment(env));
            // Checked now, with the secrets the example generates when unset standing in: the message comes before
            // anything starts. The database keys are consumed here: the store is built once, from them.
            String standIn = "x".repeat(48);
            ReceiverSettings checked = ReceiverKeys.parse(
                    ReceiverKeys.all(Map.of("zbd", "ZBD_WEBHOOK_TOKEN"), 1 << 20, 10, keys),
                    name -> Optional.ofNullable(blankToNull(env.get(name))).or(() -> name.equals("ZBD_WEBHOOK_TOKEN")
                            || name.equals(ReceiverKeys.CONSOLE_PASSWORD) ? Optional.of(standIn) : Optional.empty()));
            keys.keySet().removeIf(key -> key.startsWith("ramphook.jdbc."));
            return new Options(Integer.parseInt(port.trim()), blankToNull(env.get("ZBD_WEBHOOK_TOKEN")),
                    blankToNull(env.get("MECASH_WEBHOOK_SECRET")), log == null || log.isBlank() ? null : Path.of(log),
                    Storage.of(checked.database()), 1 << 20, keys, Duration.ofSeconds(10),
                    blankToNull(env.get(ReceiverKeys.CONSOLE_PASSWORD)));
        }

        /** The receiver-wide allowlist of {@link #keys}, for the start-up line; null without one. */
        IpAllowlist allowlist() {
            return Allowlist.of(keys == null ? Map.of() : keys);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final WebhookReceiver receiver;
    private final String consolePassword;

    private JettyExample(Server server, ServerConnector connector, WebhookReceiver receiver, String consolePassword) {
        this.server = server;
        this.connector = connector;
        this.receiver = receiver;
        this.consolePassword = consolePassword;
    }

    /** Where the operator console is served, and its basic user (the password: environment or generated). */
    static final String CONSOLE_PATH = "/ramphook";
    static final String CONSOLE_USER = "ops";

    /** Builds the receiver with the ZBD and meCash endpoints, starts Jetty and returns once it listens. */
    static JettyExample start(Options options, String zbdToken, String meCashSecret) throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("zbd", zbdToken);
        secrets.put("mecash", meCashSecret);
        return start(options, secrets);
    }

    /**
     * Builds the receiver with one endpoint {@code /webhooks/<id>} per provider in {@code secrets} (provider id to
     * its secret), each authenticated as its provider documents, starts Jetty and returns once it listens.
     *
     * @throws IllegalArgumentException naming a provider that is not on the class path or cannot use its secret
     */
    static JettyExample start(Options options, Map<String, String> secrets) throws Exception {
        return start(options, secrets, Retries.DEFAULT);
    }

    /** As {@link #start(Options, Map)}, retrying failed events as {@code retries} says (null: the library's way). */
    static JettyExample start(Options options, Map<String, String> secrets, Retries retries) throws Exception {
        return start(options, secrets, retries, GeneratedSecrets.none());
    }

    /**
     * The same, with {@code generated} told about every answer, so that a 401 at an endpoint whose secret was
     * generated for this run says so.
     */
    static JettyExample start(Options options, Map<String, String> secrets, Retries retries,
            GeneratedSecrets generated) throws Exception {
        EventLog events = new EventLog(options.eventLog());
        String consolePassword = options.consolePassword() != null ? options.consolePassword() : generated();
        Map<String, String> variables = new LinkedHashMap<>(); // provider id to the variable its secret is read from
        Map<String, String> values = new HashMap<>();          // variable to secret: given or generated
        for (Map.Entry<String, String> entry : secrets.entrySet()) {
            Provider provider = Providers.find(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "no provider " + entry.getKey() + " on the class path"));
            variables.put(provider.id(), ProviderSecrets.variable(provider.id()));
            values.put(ProviderSecrets.variable(provider.id()), entry.getValue());
        }
        values.put(ReceiverKeys.CONSOLE_PASSWORD, consolePassword);
        // One parser for every stack: the example's receiver is its keys, as a WAR's or a Spring application's.
        ReceiverSettings settings = ReceiverKeys.parse(ReceiverKeys.all(variables, options.maxBodyBytes(),
                options.bodyReadTimeout().toSeconds(), options.keys()),
                name -> Optional.ofNullable(values.get(name)).or(() -> ReceiverSettings.environmentSecret(name)));
        WebhookReceiver receiver = retries == null
                ? settings.build(List.of(new SampleHandlers(events)), options.store())
                : retries.apply(settings.builder().handlers(new SampleHandlers(events)).store(options.store())).build();

        Server server = new Server();
        ServerConnector connector = ExampleConnector.of(server, null, options.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        // Async-supported filter and servlet: the filter reads webhook bodies without holding a Jetty thread.
        FilterHolder webhooks = new FilterHolder(new WebhookFilter(receiver));
        webhooks.setAsyncSupported(true);
        context.addFilter(webhooks, "/webhooks/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(webhooks, CONSOLE_PATH + "/*", EnumSet.of(DispatcherType.REQUEST)); // the console too
        ServletHolder notFound = new ServletHolder(new NotFoundServlet());
        notFound.setAsyncSupported(true);
        context.addServlet(notFound, "/");
        context.addServlet(new ServletHolder(new EventsServlet(events)), "/events");
        server.setHandler(context);
        server.setErrorHandler(new JsonErrors());
        if (!generated.isEmpty()) {
            server.setRequestLog(generated);
        }
        try {
            server.start();
        } catch (Exception e) {
            receiver.close();
            throw e;
        }
        return new JettyExample(server, connector, receiver, consolePassword);
    }

    int port() {
        return connector.getLocalPort();
    }

    URI uri() {
        return URI.create("http://localhost:" + port());
    }

    /** Stops Jetty (no new deliveries), then the receiver (running handlers finish). */
    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            receiver.close();
        }
    }

    /**
     * Runs the example; {@code send <provider> <event> [--to <url>]} instead signs and posts a documented sample to
     * a running receiver ({@link Send}).
     *
     * @param args none to run the example; {@code send <provider> <event> [--to <url>]} to send a sample;
     *             {@code --help} for the usage (exit code 0)
     * @throws Exception when start-up fails: a malformed variable (the message names it) or a port that is taken
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            System.exit(command(Arrays.asList(args), System.getenv(), System.out, System.err));
            return;
        }
        Options options;
        Retries retries;
        try {
            options = Options.fromEnvironment(System.getenv());
            retries = Retries.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("ramphook example: " + e.getMessage());
            System.exit(2);
            return;
        }
        String zbdToken = options.zbdToken() != null ? options.zbdToken() : generated();
        String meCashSecret = options.meCashSecret() != null ? options.meCashSecret() : generated();
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("zbd", zbdToken);
        secrets.put("mecash", meCashSecret);
        List<String> notes = ProviderSecrets.addOthers(System.getenv(), secrets);
        Set<String> generatedIds = new HashSet<>();
        for (String id : secrets.keySet()) {
            String given = id.equals("zbd") ? options.zbdToken() : id.equals("mecash") ? options.meCashSecret()
                    : System.getenv(ProviderSecrets.variable(id));
            if (given == null || given.isBlank()) {
                generatedIds.add(id);
            }
        }
        GeneratedSecrets generated = GeneratedSecrets.of(secrets, generatedIds);
        JettyExample app = start(options, secrets, retries, generated);
        System.out.println("console: " + app.uri() + CONSOLE_PATH + "/ (user " + CONSOLE_USER + ", password "
                + (options.consolePassword() != null ? "from RAMPHOOK_CONSOLE_PASSWORD)"
                : app.consolePassword + " generated for this run; set RAMPHOOK_CONSOLE_PASSWORD to choose it)"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (Exception e) {
                System.err.println("ramphook example: error while stopping: " + e);
            }
        }, "ramphook-shutdown"));
        System.out.println("ramphook Jetty example listening on " + app.uri() + "/ (webhooks at "
                + secrets.keySet().stream().map(id -> "/webhooks/" + id).collect(Collectors.joining(", "))
                + ", received events at GET /events)");
        System.out.println(Storage.describe(options.store()));
        System.out.println(Allowlist.describe(options.allowlist()));
        System.out.println(Retries.describe(retries));
        notes.forEach(note -> (note.startsWith("WARN") ? System.err : System.out).println(note));
        generated.startupLines().forEach(System.out::println);
        app.server.join();
    }

    /**
     * Runs the command line's command: {@code send …}, or {@code --help}/{@code -h}/{@code help} (the usage on
     * {@code out}, exit code 0); anything else prints the usage on {@code err} and returns 2.
     */
    static int command(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.get(0).equals("send")) {
            return Send.run(args.subList(1, args.size()), env, out, err);
        }
        boolean help = HELP.contains(args.get(0));
        PrintStream to = help ? out : err;
        to.println("usage: java -jar ramphook-jetty-example.jar            (runs the example)");
        to.println(Send.USAGE);
        return help ? 0 : 2;
    }

    /** The words that ask for the usage, of the example and of {@code send}. */
    static final Set<String> HELP = Set.of("--help", "-h", "help");

    /** A fresh random secret, 24 bytes as hex. */
    static String generated() {
        byte[] bytes = new byte[24]; // 48 hex digits: also long enough for the console's 12-character minimum
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
