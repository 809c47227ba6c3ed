package com.example.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.testing.http.FlakyHandler;
import dev.ramphook.testing.http.RecordingHandler;
import dev.ramphook.testing.http.Seeds;
import dev.ramphook.testing.http.WebhookContainerContract;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The HTTP contract on Quarkus REST: the application configured by its application.properties (the secrets, the
 * contract's body limit and its recording handler added by the profile), its {@code @Singleton} {@code @OnEvent}
 * bean, and the three other applications of the contract under their prefixes ({@link ContractApps}).
 */
@QuarkusTest
@TestProfile(QuarkusContractTest.Contract.class)
class QuarkusContractTest extends WebhookContainerContract {

    public static final class Contract implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "ZBD_WEBHOOK_TOKEN", ZBD_TOKEN,
                    "MECASH_WEBHOOK_SECRET", MECASH_SECRET,
                    "ramphook.max-body-bytes", String.valueOf(MAX_BODY_BYTES),
                    "ramphook.handlers", RecordingHandler.class.getName() + "," + ThreadProbe.class.getName(),
                    "quarkus.http.test-port", "0");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Override
    protected URI base() {
        String url = root.toString();
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
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
        int before = ThreadProbe.ON_EVENT_LOOP.size();

        ObjectNode payout = (ObjectNode) new ObjectMapper().readTree(
                Seeds.read("mecash/ramp-payout-completed-off-ramp.json"));
        ((ObjectNode) payout.path("data")).put("id", UUID.randomUUID().toString())
                .put("referenceNumber", UUID.randomUUID().toString());

        assertThat(deliver("mecash", new ObjectMapper().writeValueAsBytes(payout)).statusCode()).isEqualTo(200);

        assertThat(ThreadProbe.ON_EVENT_LOOP).hasSizeGreaterThan(before).doesNotContain(true);
    }
}
