package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.testing.ShopProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a 200 promises: the event was handled (inline) or is durably queued. An event whose handlers have not all
 * succeeded is never answered {@code duplicate}, and a dead letter keeps the provider retrying.
 */
class HandlingSemanticsTest {

    private static final String PAID = ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private WebhookReceiver receiver;

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private WebhookReceiver inline(EventHandler... handlers) {
        WebhookReceiver.Builder builder = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .inline()
                .maxAttempts(3)
                .clock(clock);
        for (EventHandler h : handlers) {
            builder.on("ORDER.PAID", h);
        }
        receiver = builder.build();
        return receiver;
    }

    private WebhookReceiver queued(EventHandler handler) {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("ORDER.PAID", handler)
                .queued().workers(1)
                .maxAttempts(2)
                .retryBackoff(Duration.ofSeconds(10), Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .clock(clock)
                .build();
        return receiver;
    }

    @Test
    void inlineRedeliveriesBeyondMaxAttemptsAreNeverAnsweredDuplicateWhileTheHandlerFails() {
        AtomicBoolean broken = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        inline((e, c) -> {
            calls.incrementAndGet();
            if (broken.get()) {
                throw new IllegalStateException("log file not writable");
            }
        });

        for (int i = 0; i < 9; i++) { // three times maxAttempts
            WebhookResponse answer = receiver.receive(post("/hooks/shop", PAID));
            assertThat(answer.status()).as("redelivery %d", i + 1).isEqualTo(500);
            assertThat(answer.bodyText()).doesNotContain("duplicate");
        }
        assertThat(calls).hasValue(9);
        assertThat(receiver.deadLetters(10)).isEmpty();

        broken.set(false);
        assertThat(receiver.receive(post("/hooks/shop", PAID)).bodyText()).isEqualTo("{\"status\":\"accepted\"}");
        assertThat(receiver.receive(post("/hooks/shop", PAID)).bodyText()).isEqualTo("{\"status\":\"duplicate\"}");
        assertThat(calls).hasValue(10);
    }

    @Test
    void inlineFailureLogSaysTheProvidersRedeliveryRetriesItNotANextAttemptTime() {
        inline((e, c) -> {
            throw new IllegalStateException("ledger down");
        });

        // slf4j-simple (the test logging backend) writes to whatever System.err is at the time of the call
        String log = standardErrorOf(() -> receiver.receive(post("/hooks/shop", PAID)));

        assertThat(log).contains("answering 500, the provider's redelivery will retry")
                .doesNotContain("next attempt at");
    }

    private static String standardErrorOf(Runnable action) {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void oneFailingHandlerDoesNotStopTheOthersFromRunningInTheSameAttempt() {
        List<String> ran = new CopyOnWriteArrayList<>();
        inline((e, c) -> {
            ran.add("ledger#" + c.attempt());
            throw new IllegalStateException("ledger down");
        }, (e, c) -> ran.add("email#" + c.attempt()));

        assertThat(receiver.receive(post("/hooks/shop", PAID)).status()).isEqualTo(500);

        assertThat(ran).containsExactly("ledger#1", "email#1");
    }

    @Test
    void aRetryRunsOnlyTheHandlersThatFailed() {
        List<String> ran = new CopyOnWriteArrayList<>();
        AtomicBoolean ledgerDown = new AtomicBoolean(true);
        inline((e, c) -> {
            ran.add("ledger#" + c.attempt());
            if (ledgerDown.get()) {
                throw new IllegalStateException("ledger down");
            }
        }, (e, c) -> ran.add("email#" + c.attempt()));

        receiver.receive(post("/hooks/shop", PAID));
        ledgerDown.set(false);
        WebhookResponse second = receiver.receive(post("/hooks/shop", PAID));

        assertThat(second.status()).isEqualTo(200);
        assertThat(ran).containsExactly("ledger#1", "email#1", "ledger#2");
    }

    @Test
    void queuedRedeliveryOfAnEventNotYetHandledIsAnsweredQueuedNotDuplicate() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        queued((e, c) -> release.await());

        try {
            assertThat(receiver.receive(post("/hooks/shop", PAID)).bodyText()).isEqualTo("{\"status\":\"accepted\"}");
            WebhookResponse again = receiver.receive(post("/hooks/shop", PAID));

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.bodyText()).isEqualTo("{\"status\":\"queued\"}");
        } finally {
            release.countDown();
        }
    }

    @Test
    void queuedRedeliveryOfAHandledEventIsADuplicate() {
        AtomicInteger calls = new AtomicInteger();
        queued((e, c) -> calls.incrementAndGet());

        receiver.receive(post("/hooks/shop", PAID));
        await().untilAsserted(() -> assertThat(calls).hasValue(1));
        await().until(() -> receiver.receive(post("/hooks/shop", PAID)).bodyText().contains("duplicate"));

        assertThat(calls).hasValue(1);
    }

    @Test
    void redeliveryOfADeadLetterIsA5xxUntilItIsReplayed() {
        AtomicBoolean broken = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        queued((e, c) -> {
            calls.incrementAndGet();
            if (broken.get()) {
                throw new IllegalStateException("bad account mapping");
            }
        });
        receiver.receive(post("/hooks/shop", PAID));
        await().untilAsserted(() -> assertThat(calls).hasValue(1));
        clock.advance(Duration.ofSeconds(10));
        await().untilAsserted(() -> assertThat(receiver.deadLetters(10)).hasSize(1));

        WebhookResponse whileDead = receiver.receive(post("/hooks/shop", PAID));

        assertThat(whileDead.status()).isEqualTo(500);
        assertThat(whileDead.bodyText()).contains("\"status\":\"dead_letter\"");
        broken.set(false);
        assertThat(receiver.replay("shop", "SHOP.V1.ORDER.PAID:o-1")).isTrue();
        await().untilAsserted(() -> assertThat(calls).hasValue(3));
        await().until(() -> receiver.receive(post("/hooks/shop", PAID)).bodyText().contains("duplicate"));
    }

    @Test
    void escapedLoneSurrogateIsRefusedWith400LikeInvalidUtf8() {
        AtomicInteger calls = new AtomicInteger();
        inline((e, c) -> calls.incrementAndGet());

        for (String body : List.of(
                "{\"event\":\"SHOP.V1.ORDER.PAID\",\"id\":\"o-2\",\"note\":\"\\ud800\"}",
                "{\"event\":\"SHOP.V1.ORDER.PAID\",\"id\":\"o-3\",\"note\":\"\\uDC00x\"}",
                "{\"event\":\"SHOP.V1.ORDER.PAID\",\"id\":\"o-4\",\"n\":{\"\\ud83d\":1}}",
                "{\"event\":\"SHOP.V1.ORDER.PAID\",\"id\":\"o-5\",\"n\":[\"a\",\"\\ud83d\\u0041\"]}")) {
            WebhookResponse answer = receiver.receive(post("/hooks/shop", body));
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.bodyText()).as(body).contains("\"status\":\"rejected\"");
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void escapedSurrogatePairAndEscapedBackslashAreAccepted() {
        AtomicInteger calls = new AtomicInteger();
        inline((e, c) -> calls.incrementAndGet());

        assertThat(receiver.receive(post("/hooks/shop",
                "{\"event\":\"SHOP.V1.ORDER.PAID\",\"id\":\"o-6\",\"note\":\"\\ud83d\\ude00\"}")).status())
                .isEqualTo(200);
        assertThat(receiver.receive(post("/hooks/shop",
                "{\"event\":\"SHOP.V1.ORDER.PAID\",\"id\":\"o-7\",\"note\":\"\\\\ud800\"}")).status())
                .isEqualTo(200);
        assertThat(calls).hasValue(2);
    }
}
