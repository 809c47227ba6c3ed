package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many threads (or instances) on one store: each key recorded once, each event handed to one owner at a time. */
interface ConcurrencyContract extends StoreUnderTest {

    int THREADS = 8;

    @Test
    default void concurrentDeliveriesOfOneEventRecordItExactlyOnce() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            keys.add("e" + i);
        }
        List<Map<String, Recorded>> perThread = runTogether(THREADS, () -> {
            List<String> mine = new ArrayList<>(keys);
            Collections.shuffle(mine);
            Map<String, Recorded> outcomes = new HashMap<>();
            for (String key : mine) {
                outcomes.put(key, store().record(event(key), T0));
            }
            return outcomes;
        });

        for (String key : keys) {
            long news = perThread.stream().filter(outcomes -> outcomes.get(key) == Recorded.NEW).count();
            assertThat(news).as("NEW answers for %s", key).isEqualTo(1);
        }
    }

    @Test
    default void concurrentClaimsOfOneEventHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 10; round++) {
            String key = "e" + round;
            store().record(event(key), T0);

            List<Optional<StoredEvent>> claims = runTogether(THREADS,
                    () -> store().claim("zbd", key, Thread.currentThread().getName(), T0, LEASE));

            assertThat(claims.stream().filter(Optional::isPresent)).as("winners for %s", key).hasSize(1);
        }
    }

    @Test
    default void concurrentWorkersClaimEachDueEventExactlyOnce() throws Exception {
        int events = 200;
        for (int i = 0; i < events; i++) {
            store().record(event("e" + i), T0);
        }

        List<List<String>> perWorker = runTogether(THREADS, () -> {
            String owner = Thread.currentThread().getName();
            List<String> handled = new ArrayList<>();
            for (List<StoredEvent> batch = store().claimDue(owner, T0, LEASE, 5); !batch.isEmpty();
                 batch = store().claimDue(owner, T0, LEASE, 5)) {
                for (StoredEvent e : batch) {
                    handled.add(e.key());
                    store().complete(e, owner, T0);
                }
            }
            return handled;
        });

        Map<String, Integer> times = new HashMap<>();
        perWorker.forEach(keys -> keys.forEach(key -> times.merge(key, 1, Integer::sum)));
        assertThat(times).hasSize(events);
        assertThat(times.values()).containsOnly(1);
    }

    /** Runs {@code task} on {@code threads} threads released at the same moment; returns each thread's result. */
    static <T> List<T> runTogether(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
