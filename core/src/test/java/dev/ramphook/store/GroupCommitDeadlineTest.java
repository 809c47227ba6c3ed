package dev.ramphook.store;

import static dev.ramphook.store.HttpSender.key;
import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookResponse;
import dev.ramphook.Authenticator;
import dev.ramphook.crash.HandledLog;
import dev.ramphook.testing.ShopProvider;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The record deadline still bounds a delivery whose batch is stuck: the store's writers are held in front of the
 * database, so each delivery is answered 503 when its record timeout passes. A delivery whose record a writer had
 * already taken commits afterwards (its retry is then a duplicate and it is handled once); one still waiting in the
 * queue when its caller gave up is never written (its retry is a new event).
 */
class GroupCommitDeadlineTest {

    private final String prefix = TestPostgres.freshPrefix();
    private final CountingDataSource db = CountingDataSource.of(TestPostgres.dataSource());
    private HandledLog log;
    private WebhookReceiver receiver;

    @AfterEach
    void stop() {
        db.open();
        receiver.close();
    }

    @Test
    void deliveriesWhoseBatchIsStuckAreAnswered503AtTheirDeadlineAndHandledOnceWhenRetried() throws Exception {
        log = new HandledLog(TestPostgres.dataSource(), prefix).create();
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", log.handler("r"))
                .store(JdbcEventStore.builder(db.dataSource()).tablePrefix(prefix).build())
                .queued().workers(1)
                .pollInterval(Duration.ofMillis(50))
                .recordTimeout(Duration.ofMillis(300))
                .build();
        db.close(); // the workers' polls are held too: nothing is handled until it opens

        // Sent one after the other: the committer takes the first record and hangs at the gate; the other two wait
        // in the queue behind it (a second committer starts only while more than a full batch waits).
        for (String id : List.of("taken", "queued-1", "queued-2")) {
            WebhookResponse answer = receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID",
                    id)));
            assertThat(answer.status()).as(id).isEqualTo(503);
            assertThat(answer.bodyText()).contains("not recorded in time");
        }
        assertThat(db.atGate).as("writers held at the gate")
                .filteredOn(t -> t.getName().startsWith("ramphook-group-commit")).hasSize(1);
        db.open();

        await().until(() -> rows() == 1); // the taken record commits late; the queued ones never
        for (String id : List.of("taken", "queued-1", "queued-2")) {
            await().until(() -> receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", id)))
                    .status() == 200);
        }
        await().until(() -> log.runs().size() == 3);
        assertThat(log.runs()).containsOnlyKeys(key("taken"), key("queued-1"), key("queued-2"))
                .allSatisfy((k, attempts) -> assertThat(attempts).containsExactly(1));
    }

    private int rows() throws SQLException {
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + prefix + "events")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
