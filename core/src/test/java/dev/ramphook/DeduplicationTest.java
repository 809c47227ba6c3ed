package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testing.ShopProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A redelivered event is acknowledged and not handled again, also when copies arrive at the same moment. */
class DeduplicationTest {

    private static final String PAID = ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1");

    private final AtomicInteger calls = new AtomicInteger();
    private WebhookReceiver receiver;

    @AfterEach
    void close() {
        receiver.close();
    }

    private WebhookReceiver inline(EventHandler handler) {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("ORDER.PAID", handler)
                .inline()
                .build();
        return receiver;
    }

    @Test
    void redeliveryIsAcknowledgedAsDuplicateAndNotHandledAgain() {
        inline((e, c) -> calls.incrementAndGet());

        assertThat(receiver.receive(post("/hooks/shop", PAID)).bodyText()).contains("accepted");
        WebhookResponse second = receiver.receive(post("/hooks/shop", PAID));

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.bodyText()).isEqualTo("{\"status\":\"duplicate\"}");
        assertThat(calls).hasValue(1);
    }

    @Test
    void capturedDeliveryReplayedAfterTenThousandNewerEventsIsStillADuplicate() {
        inline((e, c) -> calls.incrementAndGet());
        receiver.receive(post("/hooks/shop", PAID));

        for (int i = 0; i < 10_001; i++) {
            receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "newer-" + i)));
        }
        WebhookResponse replayed = receiver.receive(post("/hooks/shop", PAID));

        assertThat(replayed.bodyText()).isEqualTo("{\"status\":\"duplicate\"}");
        assertThat(calls).hasValue(10_002);
    }

    @Test
    void differentEventsAreNotDuplicates() {
        inline((e, c) -> calls.incrementAndGet());

        receiver.receive(post("/hooks/shop", PAID));
        receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "o-2")));

        assertThat(calls).hasValue(2);
    }

    @Test
    void concurrentCopiesAreHandledExactlyOnce() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        inline((e, c) -> {
            calls.incrementAndGet();
            inHandler.countDown();
            release.await();
        });
        int copies = 16;
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<WebhookResponse>> answers = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                Callable<WebhookResponse> send = () -> {
                    start.await();
                    return receiver.receive(post("/hooks/shop", PAID));
                };
                answers.add(pool.submit(send));
            }
            start.countDown();
            inHandler.await();
            // While the one claimed copy is still in its handler, every other copy is answered 409 (retry later).
            await().until(() -> answers.stream().filter(Future::isDone).count() == copies - 1);
            List<Integer> whileHandling = new ArrayList<>();
            for (Future<WebhookResponse> f : answers) {
                if (f.isDone()) {
                    whileHandling.add(f.get().status());
                }
            }
            assertThat(whileHandling).hasSize(copies - 1).containsOnly(409);
            release.countDown();
            for (Future<WebhookResponse> f : answers) {
                assertThat(f.get().status()).isIn(200, 409);
            }
            assertThat(answers.stream().filter(f -> status(f) == 200).count()).isEqualTo(1);
            assertThat(calls).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
        // after the handler finished, every further copy is a plain duplicate
        assertThat(receiver.receive(post("/hooks/shop", PAID)).bodyText()).contains("duplicate");
        assertThat(calls).hasValue(1);
    }

    private static int status(Future<WebhookResponse> f) {
        try {
            return f.get().status();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void failingInlineHandlerAnswers500AndRedeliveryRunsItAgain() {
        inline((e, c) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("ledger unavailable");
            }
        });

        WebhookResponse first = receiver.receive(post("/hooks/shop", PAID));
        WebhookResponse second = receiver.receive(post("/hooks/shop", PAID));
        WebhookResponse third = receiver.receive(post("/hooks/shop", PAID));

        assertThat(first.status()).isEqualTo(500);
        assertThat(first.bodyText()).doesNotContain("ledger unavailable");
        assertThat(second.status()).isEqualTo(200);
        assertThat(third.bodyText()).contains("duplicate");
        assertThat(calls).hasValue(2);
    }

    @Test
    void retryRunsOnlyTheHandlersThatHaveNotSucceededYet() {
        AtomicInteger ledger = new AtomicInteger();
        AtomicInteger email = new AtomicInteger();
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("ORDER.PAID", (e, c) -> ledger.incrementAndGet())
                .on("ORDER.PAID", (e, c) -> {
                    if (email.incrementAndGet() == 1) {
                        throw new IllegalStateException("smtp down");
                    }
                })
                .build();

        assertThat(receiver.receive(post("/hooks/shop", PAID)).status()).isEqualTo(500);
        assertThat(receiver.receive(post("/hooks/shop", PAID)).status()).isEqualTo(200);

        assertThat(ledger).hasValue(1);
        assertThat(email).hasValue(2);
    }

    @Test
    void handlersAfterAFailedOneAreRecordedAsDoneToo() {
        AtomicInteger ledger = new AtomicInteger();
        AtomicInteger email = new AtomicInteger();
        AtomicInteger audit = new AtomicInteger();
        AtomicInteger crm = new AtomicInteger();
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("ORDER.PAID", (e, c) -> ledger.incrementAndGet())
                .on("ORDER.PAID", (e, c) -> {
                    if (email.incrementAndGet() < 3) {
                        throw new IllegalStateException("smtp down");
                    }
                })
                .on("ORDER.PAID", (e, c) -> audit.incrementAndGet())
                .on("ORDER.PAID", (e, c) -> {
                    if (crm.incrementAndGet() == 1) {
                        throw new IllegalStateException("crm down");
                    }
                })
                .build();

        assertThat(receiver.receive(post("/hooks/shop", PAID)).status()).isEqualTo(500);
        assertThat(receiver.receive(post("/hooks/shop", PAID)).status()).isEqualTo(500);
        assertThat(receiver.receive(post("/hooks/shop", PAID)).status()).isEqualTo(200);
        assertThat(receiver.receive(post("/hooks/shop", PAID)).status()).isEqualTo(200); // the duplicate

        assertThat(ledger).hasValue(1);
        assertThat(email).hasValue(3);
        assertThat(audit).hasValue(1);
        assertThat(crm).hasValue(2);
    }

    @Test
    void handlersSeeTheAttemptNumber() {
        List<Integer> attempts = new ArrayList<>();
        inline((e, c) -> {
            attempts.add(c.attempt());
            if (attempts.size() < 3) {
                throw new IllegalStateException("not yet");
            }
        });

        for (int i = 0; i < 3; i++) {
            receiver.receive(post("/hooks/shop", PAID));
        }

        assertThat(attempts).containsExactly(1, 2, 3);
    }
}
