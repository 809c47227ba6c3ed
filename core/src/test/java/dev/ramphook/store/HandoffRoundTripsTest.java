package dev.ramphook.store;

import static dev.ramphook.store.HttpSender.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.crash.JdkHttpAdapter;
import dev.ramphook.testing.ShopProvider;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the database sees per handled event on the durable path, counted rather than timed: the statements and the
 * transactions of a queued receiver on the JDBC store, at a fixed load (one delivery at a time, each handled and
 * marked done before the next is sent), with polling and lease renewal far out of the way (a one-hour poll interval
 * and lease), so every statement counted is one the path itself needs.
 *
 * <p>An event this instance recorded is handed to its own workers under a lease written with its insert: one
 * transaction records and claims it (the subject locks and the insert are one statement), one statement marks it
 * done. Claiming it with a claim query, as before the hand-off, cost a candidate search, an update and a commit,
 * then an empty claim query after it: five statements and four transactions per event.
 */
class HandoffRoundTripsTest {

    private static final int EVENTS = 30;

    private final HttpSender sender = new HttpSender();
    private final String prefix = TestPostgres.freshPrefix();
    private final CountingDataSource db = CountingDataSource.of(TestPostgres.dataSource());
    private final AtomicInteger handled = new AtomicInteger();
    private JdbcEventStore store;
    private WebhookReceiver receiver;
    private JdkHttpAdapter http;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        store = JdbcEventStore.builder(db.dataSource()).tablePrefix(prefix).build();
        // Every event is about a subject of its own, as ZBD's sessions are: ordering is checked, never in the way.
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider().withSubject(e -> "s-" + e.key()), Authenticator.none())
                .on("*", (event, context) -> handled.incrementAndGet())
                .store(store)
                .queued().workers(1) // its first poll comes before it runs the warm-up event: none is counted
                .pollInterval(Duration.ofHours(1))
                .claimLease(Duration.ofHours(1))
                .build();
        http = JdkHttpAdapter.serve(receiver, 0);
        endpoint = URI.create("http://127.0.0.1:" + http.port() + "/hooks/shop");
        deliverAndWaitUntilDone("warm-up", 1); // the workers' first polls, and the driver's first statements
    }

    @AfterEach
    void stop() {
        http.close();
        receiver.close();
        store.close();
    }

    @Test
    void anEventRecordedHereCostsOneTransactionToRecordAndClaimAndOneStatementToMarkDone() throws Exception {
        db.reset();
        for (int i = 1; i <= EVENTS; i++) {
            deliverAndWaitUntilDone("e-" + i, i + 1);
        }
        assertThat(handled).hasValue(EVENTS + 1);
        // Record and claim: one statement, one commit; mark done: one statement in auto-commit.
        assertThat(db.statements.get()).as("statements for %d events", EVENTS).isEqualTo(2 * EVENTS);
        assertThat(db.transactions.get()).as("transactions for %d events", EVENTS).isEqualTo(2 * EVENTS);
    }

    private void deliverAndWaitUntilDone(String id, int done) throws Exception {
        assertThat(answer(sender.paid(endpoint, id))).isEqualTo("200 accepted");
        await().until(() -> handled.get() == done && doneRows() == done);
    }

    /** Read past the counting data source: the test's own reads are not the path's. */
    private int doneRows() throws SQLException {
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + prefix + "events WHERE state = 'DONE'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
