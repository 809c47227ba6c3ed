package dev.ramphook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.ReceiverHealth;
import dev.ramphook.ReceiverHealth.Status;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.testing.ShopProvider;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The database goes away under a running receiver (a proxy cuts it off): health says DOWN, then UP once it is back. */
class HealthOutageTest {

    private TcpProxy proxy;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        proxy = TcpProxy.to(TestPostgres.server().getPort());
        JdbcEventStore store = JdbcEventStore.builder(TestPostgres.through(proxy))
                .tablePrefix(TestPostgres.freshPrefix()).queryTimeout(Duration.ofSeconds(2)).build();
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> { })
                .store(store)
                .queued().workers(1)
                .pollInterval(Duration.ofMillis(50))
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        receiver.close();
        proxy.close();
    }

    @Test
    void healthIsDownWhileTheDatabaseIsGoneAndUpWhenItIsBack() throws Exception {
        assertThat(receiver.health().status()).isEqualTo(Status.UP);

        proxy.cut();
        ReceiverHealth down = receiver.health();
        assertThat(down.status()).isEqualTo(Status.DOWN);
        assertThat(down.storeReachable()).isFalse();
        assertThat(down.problems()).anySatisfy(p -> assertThat(p).contains("event store did not answer"));

        proxy.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.health().status() == Status.UP);
        assertThat(receiver.health().storeReachable()).isTrue();
    }
}
