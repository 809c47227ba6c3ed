package dev.ramphook.store;

import static dev.ramphook.store.HttpSender.answer;
import static dev.ramphook.store.HttpSender.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.EventHandler;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.crash.HandledLog;
import dev.ramphook.crash.JdkHttpAdapter;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.testing.ShopProvider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claims held through a short database outage (the connections cut by a proxy): the renewals fail meanwhile, and
 * the time since the last one that succeeded passes the lease just after the database is back. A worker of the same
 * receiver, polling for expired claims, must not take the event that is still running and run it a second time:
 * the failed renewal is tried again, and before it succeeds the receiver claims nothing. Time is a
 * {@link MutableClock} the test moves; the renewal beat is a third of the lease in real time (1 s).
 */
class ClaimOutageTest {

    private static final Duration LEASE = Duration.ofSeconds(3);

    private final HttpSender sender = new HttpSender();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final String prefix = TestPostgres.freshPrefix();
    private TcpProxy proxy;
    private HandledLog log;
    private ObservedStore store;
    private WebhookReceiver receiver;
    private JdkHttpAdapter http;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        proxy = TcpProxy.to(TestPostgres.server().getPort());
        store = new ObservedStore(JdbcEventStore.builder(TestPostgres.through(proxy)).tablePrefix(prefix)
                .queryTimeout(Duration.ofSeconds(2)).build());
        log = new HandledLog(TestPostgres.dataSource(), prefix).create();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        receiver.close();
        proxy.close();
    }

    @Test
    void anOutageShorterThanTheLeaseNeverRunsAHandlerTwice() throws Exception {
        AtomicInteger started = new AtomicInteger();
        CountDownLatch finish = new CountDownLatch(1);
        EventHandler logged = log.handler("r");
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> {
                    started.incrementAndGet();
                    finish.await();
                    logged.handle(event, context);
                })
                .store(store)
                .queued().workers(2) // one runs the slow handler, the other polls for expired claims
                .clock(clock)
                .claimLease(LEASE)
                .pollInterval(Duration.ofMillis(50))
                .build();
        http = JdkHttpAdapter.serve(receiver, 0);
        endpoint = URI.create("http://127.0.0.1:" + http.port() + "/hooks/shop");

        assertThat(answer(sender.paid(endpoint, "o-1"))).isEqualTo("200 accepted");
        await().until(() -> started.get() == 1);
        // A claim taken from the store is renewed at the next beat, then only once it nears its lease end: after this
        // first renewal the lease runs from the clock's now, and nothing more is renewed until the clock moves.
        await().until(() -> store.renewals() >= 1);
        int renewed = store.renewals();

        proxy.cut();
        clock.advance(LEASE.dividedBy(2));
        await().until(() -> store.failedRenewals() >= 1);
        clock.advance(LEASE.multipliedBy(45).dividedBy(100)); // the outage: 0.95 of the lease
        proxy.restore();
        // Time goes on: past the lease of the last renewal that succeeded, before the beat's next one.
        clock.advance(LEASE.dividedBy(10));
        int polled = store.polls();
        // The idle worker has polled a few times since, and a renewal succeeded (or the event started again).
        await().until(() -> started.get() > 1 || store.polls() >= polled + 4 && store.renewals() > renewed);
        assertThat(started.get()).as("handler runs started").isEqualTo(1);

        finish.countDown();
        await().until(() -> answer(sender.paid(endpoint, "o-1")).equals("200 duplicate"));
        assertThat(started.get()).isEqualTo(1);
        assertThat(log.runs()).containsOnlyKeys(key("o-1"))
                .allSatisfy((key, attempts) -> assertThat(attempts).containsExactly(1));
    }
}
