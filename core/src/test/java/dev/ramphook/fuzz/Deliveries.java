package dev.ramphook.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.zbd.ZbdRamp;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Both built-in providers as a hostile internet sees them, and the answers the receiver may give. */
final class Deliveries {

    static final String SECRET = "fuzz-endpoint-secret";
    static final String TOKEN = "fuzz-url-token";
    static final String ZBD = "/webhooks/zbd";
    static final String MECASH = "/webhooks/mecash";

    /** Every status the pipeline contract allows when no handler fails; 500 is not among them. */
    static final Set<Integer> CONTRACT = Set.of(200, 400, 401, 403, 404, 405, 409, 413, 415, 503);

    static final int MAX_BODY = 64 * 1024;

    private Deliveries() {
    }

    /** Inline handling, a catch-all handler that always succeeds: any 500 would be the receiver's own fault. */
    static WebhookReceiver receiver() {
        return WebhookReceiver.builder()
                .endpoint(ZBD, ZbdRamp.provider(), UrlToken.of(TOKEN))
                .endpoint(MECASH, MeCash.provider(), MeCash.signature(SECRET))
                .on("*", (event, context) -> { })
                .inline()
                .maxBodyBytes(MAX_BODY)
                .build();
    }

    /** A meCash delivery with a correct signature over {@code body}: the body reaches the JSON parser. */
    static WebhookRequest signedMeCash(byte[] body) {
        return WebhookRequest.builder().path(MECASH).header("Content-Type", "application/json")
                .header("X-Signature", sign(body)).remoteAddress("192.0.2.1").body(body).build();
    }

    /** A ZBD delivery with the right URL token: the body reaches the JSON parser. */
    static WebhookRequest tokenZbd(byte[] body) {
        return WebhookRequest.builder().path(ZBD).query("token=" + TOKEN).header("Content-Type", "application/json")
                .remoteAddress("192.0.2.1").body(body).build();
    }

    static String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The receiver kept its promises: an allowed status and a small JSON body with a status field. */
    static void assertContract(WebhookResponse response) {
        assertThat(response).isNotNull();
        assertThat(response.status()).isIn(CONTRACT);
        assertThat(response.bodyText()).startsWith("{\"status\":\"")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }
}
