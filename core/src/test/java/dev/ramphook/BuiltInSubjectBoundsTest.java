package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.auth.HmacSignature;
import dev.ramphook.auth.StandardWebhooks;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The subject the receiver records for a built-in provider that leaves its subject to the engine's bound (meCash's is
 * the id as read, not a BoundedSubjects provider): as it is when short, and still bounded under a hashed key or a
 * {@code webhook-id}, whatever the engine skips for the provider's own bounded keys.
 */
class BuiltInSubjectBoundsTest {

    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String LONG_ID = "tx-" + "9".repeat(300);

    private final EventStore store = EventStore.inMemory();
    private WebhookReceiver receiver;

    @AfterEach
    void close() {
        receiver.close();
    }

    private static String body(String id) {
        return "{\"event\":\"ramp.payout.completed\",\"data\":{\"id\":\"" + id + "\"}}";
    }

    private String subject(Authenticator authenticator, WebhookRequest request, String key) {
        // a handler that fails keeps the event in the store, subject and all, for a retry (a done one keeps its key)
        receiver = WebhookReceiver.builder().store(store).endpoint("/hooks/mecash", MeCash.provider(), authenticator)
                .on("*", (event, context) -> {
                    throw new IllegalStateException("kept for a retry");
                }).build();
        receiver.receive(request);
        return store.find("mecash", key).orElseThrow().event().subject();
    }

    @Test
    void anIdInTheProvidersOwnKeyIsRecordedAsItIs() {
        HmacSignature hmac = MeCash.signature("s3cret");
        String body = body("tx-1");

        String subject = subject(hmac, hmac.sign(post("/hooks/mecash", body), bytes(body)),
                "ramp.payout.completed:tx-1");

        assertThat(subject).isEqualTo("tx-1");
    }

    @Test
    void aLongIdIsBoundedUnderItsHashedKey() {
        HmacSignature hmac = MeCash.signature("s3cret");
        String body = body(LONG_ID);
        String key = dev.ramphook.provider.EventKeys.bounded("ramp.payout.completed:" + LONG_ID);

        String subject = subject(hmac, hmac.sign(post("/hooks/mecash", body), bytes(body)), key);

        assertThat(subject).isEqualTo(dev.ramphook.provider.EventKeys.bounded(LONG_ID)).startsWith("sha256:");
    }

    @Test
    void aLongIdIsBoundedUnderAWebhookId() {
        StandardWebhooks signer = StandardWebhooks.of(WHSEC);
        String body = body(LONG_ID);
        WebhookRequest unsigned = post("/hooks/mecash", body).toBuilder().header("webhook-id", "msg_1").build();

        String subject = subject(StandardWebhooks.of(WHSEC), signer.sign(unsigned, bytes(body)), "msg_1");

        assertThat(subject).isEqualTo(dev.ramphook.provider.EventKeys.bounded(LONG_ID)).startsWith("sha256:");
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
