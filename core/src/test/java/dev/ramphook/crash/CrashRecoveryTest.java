package dev.ramphook.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.store.TestPostgres;
import dev.ramphook.testing.ShopProvider;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A receiver process is killed with SIGKILL in the middle of a stream of deliveries, from a sender that retries
 * every delivery until it gets a 2xx (as ZBD and meCash do), then restarted. Every acknowledged event is handled,
 * and redeliveries never make an event run twice; the only second runs are of events whose handler was running
 * when the process died (at-least-once within the crash window, bounded by the number of workers). The events the
 * killed process held claims on are taken over by the fresh instance once their lease runs out (no renewal comes
 * from a dead process), well within a minute.
 */
class CrashRecoveryTest {

    private static final int EVENTS = 150;
    private static final int KILL_AFTER_ACKS = 50;
    private static final int WORKERS_OF_THE_KILLED_RECEIVER = 2;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger redeliveries = new AtomicInteger();
    private Set<String> claimedAtKill = Set.of();

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // the sender retries until 2xx: bound it if a restart never comes
    void everyAcknowledgedEventIsHandledAfterAKillAndNoneTwiceBecauseOfRedelivery() throws Exception {
        String prefix = TestPostgres.freshPrefix();
        HandledLog log = new HandledLog(TestPostgres.dataSource(), prefix).create();
        int port = freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/hooks/shop");

        ChildReceiver first = ChildReceiver.start(TestPostgres.jdbcUrl(), prefix, port, "first");
        ChildReceiver second = null;
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> sending = List.of(1, 2, 3, 4).stream()
                    .map(i -> senders.submit(() -> sendUntilDone(endpoint, next)))
                    .<Future<?>>map(f -> f).toList();

            // Kill while the first receiver holds claims: the case under test is a death with events in flight. Its
            // two workers hang in their runs after FIRST_HANGS_AFTER (both once one more run is logged), so the
            // claims are still held when the kill lands, however slowly this thread gets there.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> acknowledged.size() >= KILL_AFTER_ACKS
                            && log.keysRunBy("first").size() > CrashReceiverMain.FIRST_HANGS_AFTER
                            && !claimedEvents(prefix).isEmpty());
            first.kill();
            long killedAt = System.nanoTime();
            int acknowledgedBeforeRestart = acknowledged.size();
            claimedAtKill = claimedEvents(prefix);
            second = ChildReceiver.start(TestPostgres.jdbcUrl(), prefix, port, "second");
            // The dead process renews nothing: its claims expire one lease after its last renewal, and the fresh
            // instance takes them over. The bound is the "under a minute"; the figure goes to stdout.
            Set<String> claimed = claimedAtKill;
            await().atMost(Duration.ofMinutes(1)).until(() -> doneEvents(prefix, claimed) == claimed.size());
            System.out.printf("crash recovery: %d events claimed by the killed receiver done %d ms after the kill"
                    + " (lease %d ms)%n", claimed.size(), (System.nanoTime() - killedAt) / 1_000_000,
                    CrashReceiverMain.LEASE.toMillis());
            for (Future<?> f : sending) {
                f.get(60, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> doneEvents(prefix) == EVENTS);

            assertThat(acknowledgedBeforeRestart).isLessThan(EVENTS); // the kill really was mid-stream
            assertThat(redeliveries.get()).isGreaterThan(0);
            assertThat(claimedAtKill).isNotEmpty(); // events really were in flight when the process died
        } finally {
            senders.shutdownNow();
            first.close();
            if (second != null) {
                second.close();
            }
        }

        Map<String, List<Integer>> runs = log.runs();
        assertThat(acknowledged).hasSize(EVENTS);
        assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged);
        // A redelivery handled twice would run with the same attempt number again; a crash retry has a higher one.
        assertThat(runs.values()).allSatisfy(attempts -> assertThat(attempts).doesNotHaveDuplicates());
        assertThat(runs.values().stream().filter(attempts -> attempts.size() > 1).count())
                .isLessThanOrEqualTo(WORKERS_OF_THE_KILLED_RECEIVER);
        assertThat(log.receivers()).contains("second");
        assertThat(log.keysRunBy("second")).containsAll(claimedAtKill);
    }

    /** Takes events in order; sends each until 2xx, then once more as a provider's redelivery would. */
    private void sendUntilDone(URI endpoint, AtomicInteger next) {
        for (int i = next.getAndIncrement(); i < EVENTS; i = next.getAndIncrement()) {
            String id = "o-" + i;
            deliverUntil2xx(endpoint, id);
            acknowledged.add("SHOP.V1.ORDER.PAID:" + id);
            deliverUntil2xx(endpoint, id);
        }
    }

    private void deliverUntil2xx(URI endpoint, String id) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ShopProvider.body("SHOP.V1.ORDER.PAID", id)))
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) {
                    return;
                }
            } catch (IOException refusedOrCutOff) {
                // the receiver is down: retry, as the provider would
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("sender interrupted", e);
            }
            redeliveries.incrementAndGet();
            pauseBeforeRetry();
        }
    }

    /** A provider's retry delay, shortened; it paces the sender and measures nothing. */
    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long doneEvents(String prefix) throws Exception {
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + prefix + "events WHERE state = 'DONE'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Events claimed right now (by a worker, or by a process that died holding them). */
    private static Set<String> claimedEvents(String prefix) throws Exception {
        Set<String> keys = new java.util.HashSet<>();
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT event_key FROM " + prefix + "events"
                     + " WHERE state = 'PENDING' AND claimed_by IS NOT NULL")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private static long doneEvents(String prefix, Set<String> keys) throws Exception {
        try (Connection c = TestPostgres.dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + prefix + "events"
                     + " WHERE state = 'DONE' AND event_key = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
