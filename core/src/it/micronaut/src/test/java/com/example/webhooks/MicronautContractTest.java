package com.example.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.testing.http.FlakyHandler;
import dev.ramphook.testing.http.RecordingHandler;
import dev.ramphook.testing.http.Seeds;
import dev.ramphook.testing.http.WebhookContainerContract;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP contract on Micronaut (Netty): the application configured by its application.yml (the secrets in the
 * environment's place, the contract's body limit and its recording handler added as keys), its {@code @Singleton}
 * {@code @OnEvent} bean, and the three other applications of the contract under their prefixes
 * ({@link ContractApps}).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MicronautContractTest extends WebhookContainerContract implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        // The names application.yml gives in token-env and secret-env; a user sets them in the environment.
        System.setProperty("ZBD_WEBHOOK_TOKEN", ZBD_TOKEN);
        System.setProperty("MECASH_WEBHOOK_SECRET", MECASH_SECRET);
        return Map.of(
                "ramphook.max-body-bytes", String.valueOf(MAX_BODY_BYTES),
                "ramphook.handlers", RecordingHandler.class.getName() + "," + ThreadProbe.class.getName());
    }

    @Override
    protected URI base() {
        // Loopback by address: the fenced application trusts 127.0.0.1 as its proxy, and localhost may be ::1.
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    @Override
    protected URI downBase() {
        return URI.create(base() + "/down");
    }

    @Override
    protected URI fencedBase() {
        return URI.create(base() + "/fenced");
    }

    @Override
    protected URI flakyBase() {
        return URI.create(base() + "/flaky");
    }

    @Override
    protected void fixFlakyHandlers() {
        FlakyHandler.fix();
    }

    @Test
    void handlersRunOffTheEventLoop() throws Exception {
        int before = ThreadProbe.THREADS.size();
        ObjectNode payout = (ObjectNode) new ObjectMapper().readTree(
                Seeds.read("mecash/ramp-payout-completed-off-ramp.json"));
        ((ObjectNode) payout.path("data")).put("id", UUID.randomUUID().toString())
                .put("referenceNumber", UUID.randomUUID().toString());

        assertThat(deliver("mecash", new ObjectMapper().writeValueAsBytes(payout)).statusCode()).isEqualTo(200);

        assertThat(ThreadProbe.THREADS.subList(before, ThreadProbe.THREADS.size())).isNotEmpty()
                .noneMatch(name -> name.toLowerCase().contains("eventloop"));
    }
}
