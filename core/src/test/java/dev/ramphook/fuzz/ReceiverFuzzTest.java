package dev.ramphook.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Anything an attacker can send to {@link WebhookReceiver#receive}: it never throws, never answers 500, and only
 * answers with the statuses of the pipeline contract. In {@code mvn verify} the committed seed corpus under
 * {@code src/test/resources/dev/ramphook/fuzz/ReceiverFuzzTestInputs/} is replayed, plus a few documented payloads
 * the build copies in from {@code src/test/resources/payloads/} (see core's pom); set {@code JAZZER_FUZZ=1} to
 * fuzz for real.
 */
class ReceiverFuzzTest {

    private static final List<String> PATHS =
            List.of(Deliveries.MECASH, Deliveries.ZBD, Deliveries.ZBD + "/x", "/webhooks", "/");
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = Deliveries.receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    /** Any bytes, authenticated for every provider (and Standard Webhooks v1, v1a): everything after verification must cope with them. */
    @FuzzTest(maxDuration = "5m")
    void signedBody(byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        Deliveries.assertContract(receiver.receive(Deliveries.signedMeCash(bytes)));
        Deliveries.assertContract(receiver.receive(Deliveries.tokenZbd(bytes)));
        for (WebhookRequest request : Deliveries.signedForNewerProviders(bytes)) {
            Deliveries.assertContract(receiver.receive(request));
        }
    }

    /** Any method, path, content type, length, signature and body, given as bytes, a stream or a broken stream. */
    @FuzzTest(maxDuration = "5m")
    void anyRequest(FuzzedDataProvider data) {
        WebhookRequest.Builder request = WebhookRequest.builder()
                .method(data.consumeBoolean() ? "POST" : data.consumeString(10))
                .path(data.pickValue(PATHS)
                        + (data.consumeBoolean() ? "" : data.consumeString(20)))
                .remoteAddress(data.consumeBoolean() ? "192.0.2.1" : data.consumeString(50));
        if (data.consumeBoolean()) {
            request.query(data.consumeBoolean() ? "token=" + Deliveries.TOKEN : data.consumeString(50));
        }
        switch (data.consumeInt(0, 3)) {
            case 0 -> request.header("Content-Type", "application/json");
            case 1 -> request.header("Content-Type", data.consumeString(40));
            case 2 -> request.header("Content-Type", "application/problem+json; charset=utf-8");
            default -> { }
        }
        int lengthChoice = data.consumeInt(0, 2);
        int signatureChoice = data.consumeInt(0, 2);
        String fuzzedSignature = data.consumeString(140);
        int bodyMode = data.consumeInt(0, 2);
        String fuzzedLength = data.consumeString(12);
        byte[] body = data.consumeRemainingAsBytes();
        if (lengthChoice == 1) {
            request.header("Content-Length", Integer.toString(body.length));
        } else if (lengthChoice == 2) {
            request.header("Content-Length", fuzzedLength);
        }
        if (signatureChoice == 1) {
            request.header("X-Signature", Deliveries.sign(body));
        } else if (signatureChoice == 2) {
            request.header("X-Signature", fuzzedSignature);
        }
        switch (bodyMode) {
            case 0 -> request.body(body);
            case 1 -> request.body(new ByteArrayInputStream(body));
            default -> request.body(new BrokenStream(body));
        }
        Deliveries.assertContract(receiver.receive(request.build()));
    }
}
