package dev.ramphook.crash;

import dev.ramphook.EventHandler;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.store.JdbcEventStore;
import dev.ramphook.testing.ShopProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A receiver in its own JVM, for {@link CrashRecoveryTest} to kill: JDBC store, queued handling, the JDK's HTTP
 * server, and a handler that writes each run to the {@link HandledLog}. Prints {@code READY} once it listens.
 * Exits when its standard input closes, so that it never outlives the test that started it.
 *
 * <p>Arguments: JDBC URL, table prefix, port, receiver name.
 */
public final class CrashReceiverMain {

    /**
     * Short, so that the restarted receiver takes over the killed one's claims within seconds; not shorter, so that
     * renewals delayed by a loaded build machine do not let a live claim expire (that would be a stalled owner).
     */
    static final Duration LEASE = Duration.ofSeconds(5);

    /**
     * Each run takes this long, so that two workers (20 events/s) fall behind four senders on any machine: 20 ms was
     * not enough on a quiet one, where the workers kept up and held no claim at the kill.
     */
    static final long WORK_MILLIS = 100;

    /**
     * The receiver named {@code first} (the one the test kills) stops finishing handler runs after this many: its
     * workers then hang inside a handler holding their claims until the kill. The backlog of {@link #WORK_MILLIS} alone
     * made "claims are held at the kill" a race on a loaded machine: the last claimed run could finish between the
     * test seeing a claim and the kill landing.
     */
    static final int FIRST_HANGS_AFTER = 3;

    private CrashReceiverMain() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        String prefix = args[1];
        int port = Integer.parseInt(args[2]);
        String name = args[3];

        EventHandler handler = new HandledLog(dataSource, prefix).handler(name);
        AtomicInteger runs = new AtomicInteger();
        boolean hangs = name.equals("first");
        JdbcEventStore store = JdbcEventStore.builder(dataSource).tablePrefix(prefix).build();
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> {
                    handler.handle(event, context);
                    Thread.sleep(WORK_MILLIS); // a handler's own work: keeps a backlog
                    if (hangs && runs.incrementAndGet() >= FIRST_HANGS_AFTER) {
                        new CountDownLatch(1).await(); // in flight until SIGKILL: its claims are held at the kill
                    }
                })
                .store(store)
                .queued().workers(2)
                .claimLease(LEASE)
                .pollInterval(Duration.ofMillis(50))
                .build();
        JdkHttpAdapter http = JdkHttpAdapter.serve(receiver, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            receiver.close();
        }));
        System.out.println("READY");
        System.out.flush();
        waitForStdinToClose();
        System.exit(0);
    }

    private static void waitForStdinToClose() {
        try {
            while (System.in.read() >= 0) {
                // the parent never writes; it only closes
            }
        } catch (IOException parentGone) {
            // same as end of input
        }
    }
}
