package dev.ramphook.store;

import static dev.ramphook.store.HttpSender.answer;
import static dev.ramphook.store.HttpSender.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.crash.HandledLog;
import dev.ramphook.crash.JdkHttpAdapter;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.testing.ShopProvider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Queued handling on the JDBC store, through the public API, with a hand-moved clock: a failing handler is retried
 * after an exponential backoff with jitter, becomes a dead letter after the last attempt, and runs again on replay.
 */
class JdbcRetryAndDeadLetterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final String prefix = TestPostgres.freshPrefix();
    private final HttpSender sender = new HttpSender();
    private final AtomicBoolean ledgerUp = new AtomicBoolean();
    private HandledLog log;
    private WebhookReceiver receiver;
    private JdkHttpAdapter http;
    private URI endpoint;

    @AfterEach
    void stop() {
        http.close();
        receiver.close();
    }

    private void start() throws Exception {
        log = new HandledLog(TestPostgres.dataSource(), prefix).create();
        var logged = log.handler("r");
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> {
                    logged.handle(event, context);
                    if (event.key().equals(key("o-1")) && !ledgerUp.get()) {
                        throw new IllegalStateException("ledger down");
                    }
                })
                // Through a wrapper, which records without a hand-off: the probes below are claimed, in due order,
                // like the retries they are there to prove not due yet (a handed-off probe would prove nothing).
                .store(new ObservedStore(JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix)
                        .build()))
                .queued().workers(1)
                .clock(clock)
                .maxAttempts(3)
                .retryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(20))
                .build();
        http = JdkHttpAdapter.serve(receiver, 0);
        endpoint = URI.create("http://127.0.0.1:" + http.port() + "/hooks/shop");
    }

    @Test
    void aFailingEventIsRetriedAfterItsBackoffThenDeadLetteredThenReplayed() throws Exception {
        start();
        assertThat(answer(sender.paid(endpoint, "o-1"))).isEqualTo("200 accepted");
        await().until(() -> runsOf("o-1").equals(List.of(1)));
        awaitFailureWritten();

        // The first retry waits 10 s less up to half of it as jitter: at +4 s it is not due yet.
        clock.advance(Duration.ofSeconds(4));
        assertNotRetriedYet("probe-1");
        clock.advance(Duration.ofSeconds(6));
        await().until(() -> runsOf("o-1").equals(List.of(1, 2)));
        awaitFailureWritten();

        clock.advance(Duration.ofSeconds(4)); // the second retry waits between 10 s and 20 s
        assertNotRetriedYet("probe-2");
        clock.advance(Duration.ofSeconds(16));
        await().until(() -> runsOf("o-1").equals(List.of(1, 2, 3)));

        await().until(() -> receiver.deadLetters(10).size() == 1);
        StoredEvent dead = receiver.deadLetters(10).get(0);
        assertThat(dead.key()).isEqualTo(key("o-1"));
        assertThat(dead.lastError()).contains("ledger down");
        clock.advance(Duration.ofDays(1));
        assertNotRetriedYet("probe-3");

        ledgerUp.set(true);
        assertThat(receiver.replay("shop", key("o-1"))).isTrue();
        await().until(() -> runsOf("o-1").equals(List.of(1, 2, 3, 1)));
        assertThat(receiver.deadLetters(10)).isEmpty();
        assertThat(receiver.replay("shop", key("o-1"))).isFalse();
    }

    /**
     * A new event goes through the single worker; due events are claimed in due order, so had o-1 been due, the
     * worker would have taken it before the probe. No sleeping: the probe's run is the proof.
     */
    private void assertNotRetriedYet(String probe) throws Exception {
        int before = runsOf("o-1").size();
        assertThat(answer(sender.paid(endpoint, probe))).isEqualTo("200 accepted");
        await().until(() -> !runsOf(probe).isEmpty());
        assertThat(runsOf("o-1")).hasSize(before);
    }

    /**
     * The failed attempt's next-attempt time is counted from the worker's clock when it writes the failure, after
     * the handler's run is logged: moving the clock before that pushed the retry later than the test's steps (seen
     * under load: a second retry due at +31.6 s).
     */
    private void awaitFailureWritten() {
        await().until(() -> JdbcEventStoreTest.queryInts("SELECT count(*) FROM " + prefix + "events"
                + " WHERE event_key = '" + key("o-1") + "' AND claimed_by IS NULL").get(0) == 1);
    }

    private List<Integer> runsOf(String id) throws Exception {
        return log.runs().getOrDefault(key(id), List.of());
    }
}
