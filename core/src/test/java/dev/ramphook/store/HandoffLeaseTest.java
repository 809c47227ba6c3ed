package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.about;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hand-off's lease counts from its insert, not from the delivery's receipt: a record that waited for the database
 * (a slow database, a queue of records, a pool with no free connection) must not be written with a lease that ended
 * while it waited, or another worker takes the event over while this process's worker runs it, and it runs twice
 * (HostileConditionsTest's slow database: retried=1 under load, with a 2 s lease). The wait is injected: the store's
 * writers are held at a gate while the store's ticker is moved past the lease, so no test waits for real time.
 */
class HandoffLeaseTest {

    private final String prefix = TestPostgres.freshPrefix();
    private final CountingDataSource db = CountingDataSource.of(TestPostgres.dataSource());
    private final AtomicLong ticker = new AtomicLong();
    private final JdbcEventStore store = JdbcEventStore.builder(db.dataSource()).tablePrefix(prefix)
            .ticker(ticker::get).build();

    @AfterEach
    void stop() {
        db.open();
        store.close();
    }

    @Test
    void aHandOffThatWaitedPastItsLeaseBeforeItsInsertIsStillHeldWhenItCommits() throws Exception {
        List<StoredEvent> handed = new CopyOnWriteArrayList<>();
        db.close(); // the writer waits for a connection: the database is slow
        CompletableFuture<Recorded> answer = store.recordSoon(about("s-1", "slow", null), T0, null, "a-w1h",
                T0.plus(LEASE), (claimed, recorded) -> {
                    if (claimed != null) {
                        handed.add(claimed);
                    }
                });
        await().until(() -> db.waitingAtGate.get() == 1);
        ticker.addAndGet(LEASE.plusSeconds(1).toNanos()); // it waits one lease and a second more
        db.open();

        assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(Recorded.NEW);
        assertThat(handed).hasSize(1); // handed to this process's worker, which runs it now
        Instant committedAt = T0.plus(LEASE).plusSeconds(1);
        // Another worker polling right after the commit must not take it over while the first one runs it.
        assertThat(store.claimDue("b-w1", committedAt, LEASE, 10)).isEmpty();
        // Its lease runs one lease from the insert: taken over only after that, as after a crash.
        assertThat(store.claimDue("b-w1", committedAt.plus(LEASE).plusSeconds(1), LEASE, 10))
                .extracting(StoredEvent::key).containsExactly("slow");
    }
}
