package dev.ramphook.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.auth.HmacSignature;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A receiver as a hostile internet sees it, and the answers it is allowed to give. */
final class Deliveries {

    static final String SECRET = "fuzz-endpoint-secret";
    static final String PATH = "/webhooks/tiny";

    /** Every status the pipeline contract allows for a delivery that no handler fails; 500 is not among them. */
    static final Set<Integer> CONTRACT = Set.of(200, 400, 401, 403, 404, 405, 409, 413, 415, 503);

    static final int MAX_BODY = 4096;

    private Deliveries() {
    }

    static WebhookReceiver receiver() {
        return WebhookReceiver.builder()
                .endpoint(PATH, new TinyProvider(), HmacSignature.meCash(SECRET))
                .on("*", (event, context) -> { })
                .inline()
                .maxBodyBytes(MAX_BODY)
                .build();
    }

    /** A POST with a correct meCash signature over {@code body}: the body reaches the JSON parser. */
    static WebhookRequest signed(byte[] body) {
        return WebhookRequest.builder().path(PATH).header("Content-Type", "application/json")
                .header("X-Signature", sign(body)).remoteAddress("192.0.2.1").body(body).build();
    }

    static String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The receiver kept its promises: an allowed status and a small JSON body with a status field. */
    static void assertContract(WebhookResponse response) {
        assertThat(response).isNotNull();
        assertThat(response.status()).isIn(CONTRACT);
        assertThat(response.bodyText()).startsWith("{\"status\":\"").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
