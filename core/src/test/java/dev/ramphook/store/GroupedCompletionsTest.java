package dev.ramphook.store;

import static dev.ramphook.store.HttpSender.answer;
import static dev.ramphook.store.HttpSender.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.crash.HandledLog;
import dev.ramphook.crash.JdkHttpAdapter;
import dev.ramphook.testing.ShopProvider;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Queued workers do not mark each event done themselves: they hand it to one writer, which marks done in one call
 * whatever finished meanwhile. While an event's completion waits, its claim holds: its subject's next event does
 * not start, and nothing runs twice. The writer is held back here (a gate in the store), so the waiting is visible.
 */
class GroupedCompletionsTest {

    private final HttpSender sender = new HttpSender();
    private final String prefix = TestPostgres.freshPrefix();
    private ObservedStore store;
    private HandledLog log;
    private WebhookReceiver receiver;
    private JdkHttpAdapter http;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        store = new ObservedStore(JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build());
        log = new HandledLog(TestPostgres.dataSource(), prefix).create();
        // Order ids "s1-a", "s1-b" are about subject s1; "free-…" have no subject.
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider().withSubject(e -> {
                    String id = e.key().substring(e.key().lastIndexOf(':') + 1);
                    return id.startsWith("free-") ? null : id.substring(0, id.indexOf('-'));
                }), Authenticator.none())
                .on("*", log.handler("r"))
                .store(store)
                .queued().workers(1) // one worker claims in due order, so "a later event ran" proves an earlier one was passed
                .pollInterval(Duration.ofMillis(50))
                .build();
        http = JdkHttpAdapter.serve(receiver, 0);
        endpoint = URI.create("http://127.0.0.1:" + http.port() + "/hooks/shop");
    }

    @AfterEach
    void stop() {
        store.openCompletions();
        http.close();
        receiver.close();
    }

    @Test
    void whileACompletionWaitsItsSubjectWaitsOtherEventsRunAndTheWaitingOnesAreWrittenTogether() throws Exception {
        store.holdCompletions();
        assertThat(answer(sender.paid(endpoint, "s1-a"))).isEqualTo("200 accepted");
        await().until(() -> log.runs().containsKey(key("s1-a")));
        List<String> free = IntStream.range(0, 10).mapToObj(i -> "free-" + i).toList();
        for (String id : free) {
            assertThat(answer(sender.paid(endpoint, id))).isEqualTo("200 accepted");
        }
        await().until(() -> free.stream().allMatch(id -> runs(id) == 1));

        // s1-a ran, but is not marked done yet: s1-b must not start, though the worker passes it by.
        assertThat(answer(sender.paid(endpoint, "s1-b"))).isEqualTo("200 accepted");
        assertThat(answer(sender.paid(endpoint, "free-last"))).isEqualTo("200 accepted");
        await().until(() -> runs("free-last") == 1);
        assertThat(log.runs()).doesNotContainKey(key("s1-b"));
        assertThat(answer(sender.paid(endpoint, "s1-a"))).isEqualTo("200 queued");
        assertThat(store.completionGroups()).isEmpty();

        store.openCompletions();
        await().until(() -> runs("s1-b") == 1);
        await().until(() -> answer(sender.paid(endpoint, "s1-b")).equals("200 duplicate"));

        // The first group held s1-a alone; the ten free events handled behind it went in one group (free-last's
        // completion may have been handed over just after the gate opened), s1-b in one of its own.
        List<Integer> groups = store.completionGroups();
        assertThat(groups.get(0)).isEqualTo(1);
        assertThat(groups.get(1)).isGreaterThanOrEqualTo(10);
        assertThat(groups.stream().mapToInt(Integer::intValue).sum()).isEqualTo(13);
        assertThat(groups.size()).isLessThan(13);
        assertThat(log.runs()).hasSize(13).allSatisfy((key, attempts) -> assertThat(attempts).containsExactly(1));
        for (String id : free) {
            assertThat(answer(sender.paid(endpoint, id))).isEqualTo("200 duplicate");
        }
    }

    private int runs(String id) {
        try {
            return log.runs().getOrDefault(key(id), List.of()).size();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
