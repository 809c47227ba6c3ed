package dev.ramphook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.EventHandler;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.crash.HandledLog;
import dev.ramphook.crash.JdkHttpAdapter;
import dev.ramphook.testing.ShopProvider;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two receivers behind a load balancer share one database. A provider retrying hard delivers the same event to
 * both, concurrently, many times: each event is handled exactly once.
 */
class TwoReceiversOneDatabaseTest {

    private static final int EVENTS = 20;
    private static final int COPIES = 10;

    private final HttpSender sender = new HttpSender();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void queuedTheSameEventSentToBothReceiversIsRecordedOnceAndHandledOnce() throws Exception {
        Map<String, Long> answers = deliverEveryEventToBothAndCheckEachRanOnce("queued");

        // The answer comes from the record step, and exactly one delivery of each event recorded it first; the
        // other copy finds it queued (not handled yet) or a duplicate (handled).
        assertThat(answers.keySet()).isSubsetOf("200 accepted", "200 queued", "200 duplicate");
        assertThat(answers).containsEntry("200 accepted", (long) EVENTS);
    }

    @Test
    void inlineTheSameEventSentToBothReceiversIsHandledOnce() throws Exception {
        Map<String, Long> answers = deliverEveryEventToBothAndCheckEachRanOnce("inline");

        // A copy that finds the event claimed by another copy answers 409, so the provider retries it later.
        assertThat(answers.keySet()).isSubsetOf("200 accepted", "200 duplicate", "409 in_progress");
    }

    private Map<String, Long> deliverEveryEventToBothAndCheckEachRanOnce(String mode) throws Exception {
        String prefix = TestPostgres.freshPrefix();
        HandledLog log = new HandledLog(TestPostgres.dataSource(), prefix).create();
        WebhookReceiver a = receiver(prefix, mode, log.handler("a"));
        WebhookReceiver b = receiver(prefix, mode, log.handler("b"));
        List<URI> endpoints = List.of(serve(a), serve(b));

        List<String> answers = deliverEveryEventToBoth(endpoints);
        // Once every event is done nothing can claim it again; closing waits for handlers still writing their row.
        await().until(() -> JdbcEventStoreTest.queryInts(
                "SELECT count(*) FROM " + prefix + "events WHERE state = 'DONE'").get(0) == EVENTS);
        a.close();
        b.close();

        Map<String, List<Integer>> runs = log.runs();
        assertThat(runs).hasSize(EVENTS);
        assertThat(runs.values()).allSatisfy(attempts -> assertThat(attempts).containsExactly(1));
        return answers.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }

    private WebhookReceiver receiver(String prefix, String mode, EventHandler handler) {
        JdbcEventStore store = JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
        WebhookReceiver.Builder builder = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", handler)
                .store(store)
                .pollInterval(Duration.ofMillis(50));
        WebhookReceiver receiver = (mode.equals("inline") ? builder.inline() : builder.queued().workers(2)).build();
        open.add(receiver);
        return receiver;
    }

    private URI serve(WebhookReceiver receiver) throws Exception {
        JdkHttpAdapter adapter = JdkHttpAdapter.serve(receiver, 0);
        open.add(0, adapter);
        return URI.create("http://127.0.0.1:" + adapter.port() + "/hooks/shop");
    }

    /** Every copy of every event at once, alternating between the two receivers; returns "status status-word". */
    private List<String> deliverEveryEventToBoth(List<URI> endpoints) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> sent = new ArrayList<>();
            for (int copy = 0; copy < COPIES; copy++) {
                URI endpoint = endpoints.get(copy % 2);
                IntStream.range(0, EVENTS).forEach(i ->
                        sent.add(senders.submit(() -> HttpSender.answer(sender.paid(endpoint, "o-" + i)))));
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> f : sent) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            senders.shutdownNow();
        }
    }
}
