package dev.ramphook.example.bench;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.example.jetty.ExampleConnector;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.servlet.WebhookFilter;
import dev.ramphook.zbd.ZbdRamp;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * What {@code jetty-example/bench/load.sh} holds against {@link BareServer}: the same Jetty and servlet, with the
 * ramphook filter in front at {@code /webhooks/*} (URL-token and HMAC authentication, parsing, in-memory dedup,
 * inline handling) and one no-op handler: {@code /webhooks/zbd} (URL token), {@code /webhooks/mecash}
 * ({@code X-Signature}, HMAC-SHA512) and {@code /webhooks/hmac} (meCash bodies with GitHub's
 * {@code X-Hub-Signature-256: sha256=…}, HMAC-SHA256, for the comparison with {@code @octokit/webhooks}). The example app itself also keeps every event in memory for
 * {@code GET /events} and logs each one, which is demo behaviour, not ramphook's cost.
 * Listens on 127.0.0.1:{@code PORT} (default 8082); {@code ZBD_WEBHOOK_TOKEN} and {@code MECASH_WEBHOOK_SECRET}
 * are required.
 */
public final class NoopServer {

    /**
     * How long a handled key is kept. Every wrk request is a new event: at the default 7-day retention a run at
     * ~100,000/s would fill the endpoint's in-memory budget of 1,000,000 keys within seconds and measure 503s. wrk
     * never redelivers, so a 1 s dedup window, pruned every second, keeps at most ~2 s of keys (3 s if a prune
     * runs a second late): under the budget up to ~330,000 deliveries/s, however long the run
     * ({@code BenchRetentionTest}).
     */
    static final Duration RETENTION = Duration.ofSeconds(1);

    private NoopServer() {
    }

    /**
     * Starts the receiver behind Jetty and serves until the process is stopped.
     *
     * @param args ignored; the settings come from the environment
     * @throws Exception when a required variable is unset or Jetty cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8082"));
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of(required("ZBD_WEBHOOK_TOKEN")))
                .endpoint("/webhooks/mecash", MeCash.provider(),
                        HmacSignature.sha512Hex("X-Signature", required("MECASH_WEBHOOK_SECRET")))
                // load.sh's OCTOKIT=1 rounds (hmac.lua): meCash bodies signed as GitHub signs, the same bytes that
                // @octokit/webhooks verifies beside it.
                .endpoint("/webhooks/hmac", MeCash.provider(), HmacSignature.sha256Hex("X-Hub-Signature-256",
                        required("MECASH_WEBHOOK_SECRET")).prefix("sha256="))
                .on("*", (event, context) -> { })
                .retention(RETENTION) // every wrk request is a new event: see RETENTION
                .build();
        Server server = start(port, receiver);
        System.out.println("ramphook no-op receiver listening on http://127.0.0.1:" + BareServer.port(server) + "/");
        server.join();
        receiver.close();
    }

    /**
     * Starts {@code receiver}'s filter at {@code /webhooks/*} in front of the bare servlet, on 127.0.0.1:{@code port}
     * (0 for a free one), with the connector {@link BareServer} has: the filter is the only difference.
     */
    static Server start(int port, WebhookReceiver receiver) throws Exception {
        Server server = new Server();
        server.addConnector(ExampleConnector.of(server, "127.0.0.1", port));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new WebhookFilter(receiver)), "/webhooks/*",
                EnumSet.of(DispatcherType.REQUEST));
        // Behind the filter, as in an application: requests it does not own reach the servlet.
        context.addServlet(new ServletHolder(new BareServer.ReadAndAnswer()), "/*");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        return server;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " must be set");
        }
        return value;
    }
}
