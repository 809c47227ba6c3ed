package dev.ramphook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.Authenticator;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.testing.Requests;
import dev.ramphook.testing.ShopProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a renewal extends: the claims near their lease end, never one just handed off, and a claim whose completion
 * is queued only in the last half of its lease. A group completion waits for the row lock of every renewal statement
 * holding one of its rows (renewals skip locked rows, completions cannot), so renewing the claims queued for completion
 * made completions of 512 rows wait behind back-to-back renewals until they timed out: the workers' stall under
 * sustained load (issue 21). Each test keeps a witness claim that is due, so that a renewal certainly runs, and
 * checks what that renewal carried. Time is a {@link MutableClock}; the beat is a third of the lease in real time.
 */
class RenewalScopeTest {

    private static final Duration LEASE = Duration.ofSeconds(3); // a beat every second; due after half a second

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final String prefix = TestPostgres.freshPrefix();
    private final JdbcEventStore jdbc = JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
    /** The keys of each renewal call, in order. */
    private final List<Set<String>> renewals = new CopyOnWriteArrayList<>();
    private final CountDownLatch completionsOpen = new CountDownLatch(1);
    private final CountDownLatch completionWaiting = new CountDownLatch(1);
    private final CountDownLatch finishSlow = new CountDownLatch(1);
    private final Set<String> started = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private WebhookReceiver receiver;

    /** The JDBC store, its hand-off included, with renewals recorded and completions held at a gate. */
    private final EventStore store = (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(),
            new Class<?>[] {EventStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("renew")) {
                    @SuppressWarnings("unchecked")
                    Collection<EventStore.Claim> claims = (Collection<EventStore.Claim>) args[0];
                    renewals.add(claims.stream().map(EventStore.Claim::key).collect(Collectors.toSet()));
                } else if (method.getName().equals("completeAll")) {
                    completionWaiting.countDown();
                    completionsOpen.await();
                }
                try {
                    return method.invoke(jdbc, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    @AfterEach
    void close() {
        finishSlow.countDown();
        completionsOpen.countDown();
        if (receiver != null) {
            receiver.close();
        }
    }

    private void start() {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> {
                    started.add(event.key());
                    if (event.key().contains(":slow")) {
                        finishSlow.await();
                    }
                })
                .store(store)
                .queued().workers(3)
                .clock(clock)
                .claimLease(LEASE)
                .pollInterval(Duration.ofMillis(200)) // every event here is handed off; polls find nothing
                .build();
    }

    private void send(String id) {
        assertThat(receiver.receive(Requests.post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", id)))
                .status()).isEqualTo(200);
        await().until(() -> started.contains(key(id)));
    }

    private String key(String id) {
        return HttpSender.key(id);
    }

    /** Waits for a renewal, made after the {@code from}th, that carries {@code id}; returns its position. */
    private int renewalWith(int from, String id) {
        await().until(() -> renewals.subList(Math.min(from, renewals.size()), renewals.size()).stream()
                .anyMatch(keys -> keys.contains(key(id))));
        for (int i = from; ; i++) {
            if (renewals.get(i).contains(key(id))) {
                return i;
            }
        }
    }

    @Test
    void aClaimHandedOffLessThanHalfABeatAgoIsNotRenewed() {
        start();
        send("slow-witness"); // handed off at 0 s
        clock.advance(Duration.ofMillis(400));
        send("slow-young"); // handed off at 0.4 s
        int mark = renewals.size();
        clock.advance(Duration.ofMillis(300)); // 0.7 s: the witness is due, the young claim (0.3 s old) is not

        int renewal = renewalWith(mark, "slow-witness");

        assertThat(renewals.subList(mark, renewal + 1)).noneMatch(keys -> keys.contains(key("slow-young")));
        clock.advance(Duration.ofMillis(300)); // 1.0 s: the young claim is 0.6 s old, due now
        renewalWith(renewal + 1, "slow-young");
    }

    @Test
    void aClaimWhoseCompletionIsQueuedIsLeftToItUntilTheLastHalfOfItsLease() throws Exception {
        start();
        send("slow-witness");
        send("done-1"); // handled at once; its completion waits at the gate, its claim still held
        completionWaiting.await();
        int mark = renewals.size();
        clock.advance(Duration.ofMillis(600)); // both are 0.6 s old: the witness is due, the completing claim not

        int renewal = renewalWith(mark, "slow-witness");

        assertThat(renewals.subList(mark, renewal + 1)).noneMatch(keys -> keys.contains(key("done-1")));
        clock.advance(Duration.ofMillis(1_000)); // 1.6 s: less than half its lease left, renewed after all
        renewalWith(renewal + 1, "done-1");
        completionsOpen.countDown();
        await().until(() -> JdbcEventStoreTest.queryInts(
                "SELECT count(*) FROM " + prefix + "events WHERE state = 'DONE'").get(0) == 1);
    }
}
