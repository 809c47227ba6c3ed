package dev.ramphook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.EventHandler;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.crash.HandledLog;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.testing.Requests;
import dev.ramphook.testing.ShopProvider;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A handler that runs far longer than the claim lease, while a second receiver on the same database looks for
 * claimable events all the time: the running receiver renews its claim, so the event is never taken over and never
 * runs a second time. Time is a shared {@link MutableClock} that the test moves forward only after each renewal.
 */
class ClaimRenewalTest {

    private static final Duration LEASE = Duration.ofSeconds(2);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final String prefix = TestPostgres.freshPrefix();
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void close() {
        receivers.forEach(WebhookReceiver::close);
    }

    private WebhookReceiver receiver(EventHandler handler) {
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", handler)
                .store(JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build())
                .queued().workers(2)
                .clock(clock)
                .claimLease(LEASE)
                .pollInterval(Duration.ofMillis(20))
                .build();
        receivers.add(receiver);
        return receiver;
    }

    @Test
    void aHandlerRunningFiveLeasesLongIsNeverTakenOverAndRunsOnce() throws Exception {
        HandledLog log = new HandledLog(TestPostgres.dataSource(), prefix).create();
        EventHandler logged = log.handler("r");
        AtomicInteger started = new AtomicInteger();
        CountDownLatch finish = new CountDownLatch(1);
        EventHandler slow = (event, context) -> {
            started.incrementAndGet();
            finish.await();
            logged.handle(event, context);
        };
        WebhookReceiver a = receiver(slow);
        receiver(slow); // polls the same table with two more workers, ready to take over an expired claim

        assertThat(a.receive(Requests.post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1")))
                .status()).isEqualTo(200);
        await().until(() -> started.get() == 1);
        Instant claimedAt = clock.instant();

        // Each step moves time by three quarters of a lease, then waits for a renewal to reach past it.
        for (int step = 0; step < 7; step++) {
            clock.advance(LEASE.multipliedBy(3).dividedBy(4));
            Instant now = clock.instant();
            await().until(() -> !leaseUntil().isBefore(now.plus(LEASE)));
            assertThat(started.get()).isEqualTo(1);
        }
        assertThat(clock.instant()).isAfter(claimedAt.plus(LEASE.multipliedBy(5)));

        finish.countDown();
        await().until(() -> JdbcEventStoreTest.queryInts(
                "SELECT count(*) FROM " + prefix + "events WHERE state = 'DONE'").get(0) == 1);
        assertThat(started.get()).isEqualTo(1);
        assertThat(log.runs()).containsOnlyKeys(HttpSender.key("o-1"))
                .allSatisfy((key, attempts) -> assertThat(attempts).containsExactly(1));
    }

    private Instant leaseUntil() throws Exception {
        try (Connection c = TestPostgres.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT lease_until FROM " + prefix + "events")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
                return t == null ? Instant.MIN : t.toInstant();
            }
        }
    }
}
