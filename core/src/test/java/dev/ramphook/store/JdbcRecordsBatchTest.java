package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One batch of records, as the group commit writes it: which rows are handed off when several are about one
 * subject, and what each copy of a key is answered, whatever the order the rows came in.
 */
class JdbcRecordsBatchTest {

    private final String prefix = TestPostgres.freshPrefix();
    private final JdbcRecords records;

    JdbcRecordsBatchTest() {
        JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build(); // creates the tables
        records = new JdbcRecords(new JdbcCalls(TestPostgres.dataSource(), Duration.ofSeconds(10)),
                new JdbcTables(null, prefix), System::nanoTime);
    }

    private static StoredEvent of(String provider, String key, String subject) {
        StoredEvent e = StoreTestEvents.event(provider, key);
        return new StoredEvent(e.provider(), e.key(), e.name(), e.endpoint(), e.body(), e.headers(), e.receivedAt(),
                0, Set.of(), null, subject, null);
    }

    private static JdbcRecords.Row handing(StoredEvent e) {
        return new JdbcRecords.Row(e, T0, "me", T0.plus(LEASE), System.nanoTime());
    }

    @Test
    void twoNewEventsOfOneSubjectInOneBatchAreNeitherHandedOffButOtherProvidersSubjectsAre() {
        JdbcRecords.Written written = records.recordAll(List.of(
                handing(of("zbd", "k5", "shared")),
                handing(of("zbd", "k1", "alone")),
                handing(of("mecash", "k2", "shared")), // the same text at another provider: another subject
                handing(of("zbd", "k3", null)),
                handing(of("zbd", "k4", "shared")),
                handing(of("zbd", "k6", "alone-2"))));

        assertThat(written.answers()).containsOnly(Recorded.NEW);
        assertThat(written.handed()).containsExactly(false, true, true, true, false, true);
    }

    @Test
    void copiesOfAKeyInAnyOrderAnswerTheFirstGivenAsNewAndTheOthersAsItsDuplicates() {
        Instant now = T0;
        JdbcRecords.Written written = records.recordAll(List.of(
                handing(of("zbd", "b", "s-b")),
                new JdbcRecords.Row(of("zbd", "a", "s-a"), now),
                handing(of("zbd", "b", "s-b")),
                handing(of("mecash", "b", "s-b")),
                new JdbcRecords.Row(of("zbd", "a", "s-a"), now)));

        assertThat(written.answers()).containsExactly(Recorded.NEW, Recorded.NEW, Recorded.PENDING, Recorded.NEW,
                Recorded.PENDING);
        // Only a first copy is handed off; zbd's b and mecash's b are different subjects' (providers differ).
        assertThat(written.handed()).containsExactly(true, false, false, true, false);

        JdbcRecords.Written again = records.recordAll(List.of(new JdbcRecords.Row(of("zbd", "a", "s-a"), now),
                new JdbcRecords.Row(of("zbd", "new", null), now), new JdbcRecords.Row(of("zbd", "b", "s-b"), now)));
        assertThat(again.answers()).containsExactly(Recorded.PENDING, Recorded.NEW, Recorded.IN_PROGRESS);
        assertThat(again.handed()).containsExactly(false, false, false);
    }
}
