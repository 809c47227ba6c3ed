package dev.ramphook.store;

import static dev.ramphook.store.HttpSender.answer;
import static dev.ramphook.store.HttpSender.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.EventHandler;
import dev.ramphook.WebhookReceiver;
import dev.ramphook.WebhookResponse;
import dev.ramphook.auth.Authenticator;
import dev.ramphook.crash.HandledLog;
import dev.ramphook.crash.JdkHttpAdapter;
import dev.ramphook.testing.Requests;
import dev.ramphook.testing.ShopProvider;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import javax.sql.DataSource;

/**
 * A queued receiver on the JDBC store under hostile or faulty conditions. Each test counts what was acknowledged
 * (a 2xx), handled (handler runs that succeeded, from the handled log), retried (runs after the first) and lost
 * (acknowledged but neither done nor a dead letter), prints the tally, and checks that nothing was lost.
 */
class HostileConditionsTest {

    /** Short, so that events whose completion was lost in the outage run again within the test. */
    private static final Duration LEASE = Duration.ofSeconds(2);

    private final HttpSender sender = new HttpSender();
    private ObservedStore store;
    private final String prefix = TestPostgres.freshPrefix();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private TcpProxy proxy;
    private HandledLog log;

    @BeforeEach
    void start() throws Exception {
        proxy = TcpProxy.to(TestPostgres.server().getPort());
        log = new HandledLog(TestPostgres.dataSource(), prefix).create();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        proxy.close();
    }

    /** The store reaches PostgreSQL through the proxy; the handled log goes straight to it. */
    private WebhookReceiver receiver(EventHandler handler, UnaryOperator<WebhookReceiver.Builder> options) {
        return receiver(TestPostgres.through(proxy), handler, options);
    }

    private WebhookReceiver receiver(DataSource dataSource, EventHandler handler,
                                     UnaryOperator<WebhookReceiver.Builder> options) {
        store = new ObservedStore(JdbcEventStore.builder(dataSource).tablePrefix(prefix)
                .queryTimeout(Duration.ofSeconds(2)).build());
        WebhookReceiver receiver = options.apply(WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", handler)
                .store(store)
                .queued().workers(2)
                .claimLease(LEASE)
                .pollInterval(Duration.ofMillis(20))
                .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(40))).build();
        open.add(receiver);
        return receiver;
    }

    private URI serve(WebhookReceiver receiver) throws Exception {
        JdkHttpAdapter http = JdkHttpAdapter.serve(receiver, 0);
        open.add(http);
        return URI.create("http://127.0.0.1:" + http.port() + "/hooks/shop");
    }

    /** Sends {@code ids} from four senders, each retrying a delivery until it gets a 2xx. */
    private void deliverUntilAcknowledged(URI endpoint, List<String> ids) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (String id : ids) {
                sending.add(senders.submit(() -> {
                    for (int attempt = 0; attempt < 200; attempt++) {
                        try {
                            if (sender.paid(endpoint, id).statusCode() / 100 == 2) {
                                acknowledged.add(key(id));
                                return null;
                            }
                        } catch (java.io.IOException refused) {
                            // as a provider would: try again
                        }
                        Thread.sleep(25); // a provider's retry delay, shortened; paces the sender
                    }
                    throw new AssertionError(id + " never acknowledged");
                }));
            }
            for (Future<?> f : sending) {
                f.get();
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private record Tally(int acknowledged, int handled, int retried, int dead, int lost) {
    }

    private Tally tally(String condition) throws Exception {
        Map<String, List<Integer>> runs = log.runs();
        Set<String> done = Set.copyOf(JdbcEventStoreTest.queryStrings(
                "SELECT event_key FROM " + prefix + "events WHERE state = 'DONE'"));
        Set<String> dead = Set.copyOf(JdbcEventStoreTest.queryStrings(
                "SELECT event_key FROM " + prefix + "events WHERE state = 'DEAD'"));
        int lost = (int) acknowledged.stream().filter(k -> !done.contains(k) && !dead.contains(k)).count();
        Tally tally = new Tally(acknowledged.size(), runs.size(),
                runs.values().stream().mapToInt(attempts -> attempts.size() - 1).sum(), dead.size(), lost);
        System.out.println("hostile conditions: " + condition + ": " + tally);
        return tally;
    }

    private void awaitSettled(int events) {
        await().atMost(Duration.ofMinutes(1)).until(() -> JdbcEventStoreTest.queryInts("SELECT count(*) FROM "
                + prefix + "events WHERE state IN ('DONE', 'DEAD')").get(0) == events);
    }

    @Test
    void aSlowDatabaseSlowsAcknowledgementsButLosesAndRepeatsNothing() throws Exception {
        URI endpoint = serve(receiver(log.handler("r"), b -> b));
        proxy.delay(Duration.ofMillis(40)); // every round trip to the database now takes 80 ms more

        List<String> ids = ids("slow", 20);
        deliverUntilAcknowledged(endpoint, ids);
        awaitSettled(ids.size());

        assertThat(tally("database 80 ms away")).isEqualTo(new Tally(20, 20, 0, 0, 0));
    }

    @Test
    void theDatabaseGoneAndBackMidStreamLosesNothing() throws Exception {
        URI endpoint = serve(receiver(log.handler("r"), b -> b));
        List<String> ids = ids("outage", 30);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<?> sending = background.submit(() -> {
                deliverUntilAcknowledged(endpoint, ids);
                return null;
            });
            await().until(() -> acknowledged.size() >= 10);
            proxy.cut();
            // Deliveries now fail with 503, and the senders retry them.
            assertThat(answer(sender.paid(endpoint, "probe-during-outage"))).isEqualTo("503 unavailable");
            proxy.restore();
            sending.get();
        } finally {
            background.shutdownNow();
        }
        awaitSettled(ids.size());

        Tally tally = tally("database cut and restored");
        assertThat(tally.acknowledged()).isEqualTo(30);
        assertThat(tally.handled()).isEqualTo(30);
        assertThat(tally.lost()).isZero();
        // A run repeats only when its handlers finished but its completion could not be written in the outage.
        assertThat(tally.retried()).isLessThanOrEqualTo(store.failedCompletions());
    }

    @Test
    void aHandlerThatHangsIsInterruptedAfterTheHandlerTimeoutAndItsEventRetried() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        EventHandler logged = log.handler("r");
        WebhookReceiver receiver = receiver((event, context) -> {
            if (context.attempt() == 1) {
                try {
                    new CountDownLatch(1).await(); // hangs: nothing ever counts this down
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                }
            }
            logged.handle(event, context);
            // The timeout also bounds attempt 2, whose run log is a database insert: 2 s, not 300 ms, so a loaded
            // machine's slow insert is not taken for a hang (it was, once: attempt 2 interrupted, runs [2, 3]).
        }, b -> b.handlerTimeout(Duration.ofSeconds(2)));
        URI endpoint = serve(receiver);

        deliverUntilAcknowledged(endpoint, List.of("hangs"));
        awaitSettled(1);

        assertThat(interrupted).isTrue();
        assertThat(log.runs()).isEqualTo(Map.of(key("hangs"), List.of(2))); // attempt 1 hung and never logged
        assertThat(tally("handler hangs on its first attempt")).isEqualTo(new Tally(1, 1, 0, 0, 0));
        assertThat(receiver.deadLetters(10)).isEmpty();
    }

    @Test
    void aHandlerThatAlwaysThrowsEndsAsADeadLetterAfterItsAttempts() throws Exception {
        EventHandler logged = log.handler("r");
        WebhookReceiver receiver = receiver((event, context) -> {
            logged.handle(event, context); // the run is logged, then fails
            throw new IllegalStateException("ledger rejects everything");
        }, b -> b.maxAttempts(3));
        URI endpoint = serve(receiver);

        deliverUntilAcknowledged(endpoint, List.of("throws"));
        awaitSettled(1);

        assertThat(log.runs()).isEqualTo(Map.of(key("throws"), List.of(1, 2, 3)));
        // "handled" counts events with a run; this one ran three times, failed each, and waits for a replay.
        assertThat(tally("handler throws on every attempt")).isEqualTo(new Tally(1, 1, 2, 1, 0));
        assertThat(receiver.deadLetters(10)).singleElement().satisfies(dead ->
                assertThat(dead.lastError()).contains("ledger rejects everything"));
    }

    @Test
    @SuppressWarnings("deprecation") // PGPoolingDataSource: a stand-in for the application's pool
    void aRedeliveryStormOfOneEventIsRecordedOnceAndHandledOnce() throws Exception {
        // Through a pool of 20, as an application would run it: a thousand connections at once would exhaust the
        // database (that case answers 503 and the copies are retried, which the retry loop below also covers).
        org.postgresql.ds.PGPoolingDataSource pool = new org.postgresql.ds.PGPoolingDataSource();
        pool.setURL(TestPostgres.jdbcUrl());
        pool.setDataSourceName("ramphook-storm-" + prefix);
        pool.setMaxConnections(20);
        open.add(pool::close);
        WebhookReceiver receiver = receiver(pool, log.handler("r"), b -> b);
        int copies = 1_000;
        CountDownLatch go = new CountDownLatch(1);
        Map<String, Long> answers;
        ExecutorService storm = Executors.newFixedThreadPool(copies);
        try {
            List<Future<String>> sent = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                sent.add(storm.submit(() -> {
                    go.await();
                    // A copy refused with 503 (the database ran out of connections) is retried, as a provider would.
                    for (int attempt = 0; ; attempt++) {
                        WebhookResponse r = receiver.receive(
                                Requests.post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "storm")));
                        if (r.status() != 503 || attempt == 50) {
                            return r.status() + " " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)
                                    .replaceAll(".*\"status\":\"([a-z_]+)\".*", "$1");
                        }
                        Thread.sleep(20); // a provider's retry delay, shortened
                    }
                }));
            }
            go.countDown();
            List<String> all = new ArrayList<>();
            for (Future<String> f : sent) {
                all.add(f.get());
            }
            answers = all.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        } finally {
            storm.shutdownNow();
        }
        acknowledged.add(key("storm"));
        awaitSettled(1);

        System.out.println("hostile conditions: redelivery storm answers " + answers);
        // One copy recorded it; the others found it waiting or running (queued) or done (duplicate).
        assertThat(answers).containsEntry("200 accepted", 1L);
        assertThat(answers.keySet()).isSubsetOf("200 accepted", "200 queued", "200 duplicate");
        assertThat(answers.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(copies);
        assertThat(log.runs()).isEqualTo(Map.of(key("storm"), List.of(1)));
        assertThat(tally("1,000 concurrent copies of one event")).isEqualTo(new Tally(1, 1, 0, 0, 0));
    }

    private static List<String> ids(String prefix, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
    }
}
