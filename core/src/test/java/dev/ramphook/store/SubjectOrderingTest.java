package dev.ramphook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.EventHandler;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.crash.JdkHttpAdapter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many subjects' events, interleaved, delivered over HTTP to two receivers that share one database (three workers
 * each): every subject's handler calls come strictly in the order the events occurred, never two at once, while
 * different subjects run in parallel on both receivers. Handlers wait until everything is recorded, so that each
 * subject has a backlog that six workers claiming in batches would otherwise spread among themselves.
 */
class SubjectOrderingTest {

    private static final int SUBJECTS = 12;
    private static final int EVENTS_PER_SUBJECT = 6;
    private static final int SENDERS = 4;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<String, List<Integer>> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Set<String> receiversThatRan = ConcurrentHashMap.newKeySet();
    private final List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger maxSubjectsAtOnce = new AtomicInteger();
    private final AtomicInteger subjectsNow = new AtomicInteger();
    // Handlers wait until every event is recorded, so that each subject has several events pending at once.
    private final CountDownLatch allRecorded = new CountDownLatch(1);

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** Body {@code {"event":"STEP","id":"<subject>-<seq>","order":"<subject>","seq":n}}; it occurred at T0 + seq s. */
    static final class Steps implements Provider {
        @Override
        public String id() {
            return "steps";
        }

        @Override
        public Map<String, Class<?>> eventTypes() {
            return Map.of("STEP", ObjectNode.class);
        }

        @Override
        public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) {
            return new WebhookEvent<>(id(), "STEP", "STEP", json.path("id").asText(),
                    T0.plusSeconds(json.path("seq").asInt()), json, json);
        }

        @Override
        public Optional<String> subject(WebhookEvent<?> event) {
            return Optional.of(event.json().path("order").asText());
        }
    }

    private URI serve(String prefix, String name) throws Exception {
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/hooks/steps", new Steps(), Authenticator.none())
                .on("*", handler(name))
                .store(JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build())
                .queued().workers(3)
                .pollInterval(Duration.ofMillis(20))
                .build();
        JdkHttpAdapter adapter = JdkHttpAdapter.serve(receiver, 0);
        open.add(adapter);
        open.add(receiver);
        return URI.create("http://127.0.0.1:" + adapter.port() + "/hooks/steps");
    }

    private EventHandler handler(String receiver) {
        return (event, context) -> {
            allRecorded.await();
            String subject = event.json().path("order").asText();
            int seq = event.json().path("seq").asInt();
            int alongside = running.computeIfAbsent(subject, s -> new AtomicInteger()).incrementAndGet();
            maxSubjectsAtOnce.accumulateAndGet(subjectsNow.incrementAndGet(), Math::max);
            try {
                if (alongside != 1) {
                    violations.add(subject + "-" + seq + " ran beside another event of its subject");
                }
                List<Integer> seen = calls.computeIfAbsent(subject, s -> new java.util.concurrent.CopyOnWriteArrayList<>());
                int expected = seen.isEmpty() ? 0 : seen.get(seen.size() - 1) + 1;
                if (seq != expected) {
                    violations.add(subject + "-" + seq + " ran when " + subject + "-" + expected + " was next");
                }
                seen.add(seq);
                receiversThatRan.add(receiver);
                Thread.sleep(2); // a handler's own work, so that a second call of the subject would overlap
            } finally {
                subjectsNow.decrementAndGet();
                running.get(subject).decrementAndGet();
            }
        };
    }

    @Test
    void eachSubjectsEventsRunOneAtATimeInOrderAcrossTwoReceivers() throws Exception {
        String prefix = TestPostgres.freshPrefix();
        List<URI> endpoints = List.of(serve(prefix, "a"), serve(prefix, "b"));

        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                sending.add(senders.submit(() -> {
                    // Round robin over this sender's subjects, alternating receivers: subjects interleave.
                    for (int seq = 0; seq < EVENTS_PER_SUBJECT; seq++) {
                        for (int subject = sender; subject < SUBJECTS; subject += SENDERS) {
                            send(endpoints.get((subject + seq) % 2), "order-" + subject, seq);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : sending) {
                f.get();
            }
        } finally {
            senders.shutdownNow();
            allRecorded.countDown();
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> JdbcEventStoreTest.queryInts(
                "SELECT count(*) FROM " + prefix + "events WHERE state = 'DONE'").get(0)
                == SUBJECTS * EVENTS_PER_SUBJECT);

        assertThat(violations).isEmpty();
        List<Integer> inOrder = java.util.stream.IntStream.range(0, EVENTS_PER_SUBJECT).boxed().toList();
        assertThat(calls).hasSize(SUBJECTS).allSatisfy((subject, seqs) -> assertThat(seqs).isEqualTo(inOrder));
        assertThat(receiversThatRan).containsExactlyInAnyOrder("a", "b");
        assertThat(maxSubjectsAtOnce.get()).isGreaterThan(1); // subjects did run in parallel
    }

    private void send(URI endpoint, String subject, int seq) throws Exception {
        String body = "{\"event\":\"STEP\",\"id\":\"" + subject + "-" + seq + "\",\"order\":\"" + subject
                + "\",\"seq\":" + seq + "}";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }
}
