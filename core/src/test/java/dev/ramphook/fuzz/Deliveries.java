package dev.ramphook.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.Provider;
import dev.ramphook.Authenticator;
import dev.ramphook.auth.StandardWebhooks;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.moonpay.MoonPay;
import dev.ramphook.onramper.Onramper;
import dev.ramphook.rampnetwork.RampNetwork;
import dev.ramphook.revolut.RevolutRamp;
import dev.ramphook.testkit.SignedDelivery;
import dev.ramphook.testkit.TestKeyPair;
import dev.ramphook.transak.Transak;
import dev.ramphook.zbd.ZbdRamp;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The built-in providers as a hostile internet sees them, and the answers the receiver may give. */
final class Deliveries {

    static final String SECRET = "fuzz-endpoint-secret";
    static final String TOKEN = "fuzz-url-token";
    static final String ZBD = "/webhooks/zbd";
    static final String MECASH = "/webhooks/mecash";

    /** Every status the pipeline contract allows when no handler fails; 500 is not among them. */
    static final Set<Integer> CONTRACT = Set.of(200, 400, 401, 403, 404, 405, 409, 413, 415, 503);

    static final int MAX_BODY = 64 * 1024;

    private static final TestKeyPair RAMP = TestKeyPair.rampNetwork();
    private static final TestKeyPair V1A = TestKeyPair.standardWebhooks();
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /** The newer providers and Standard Webhooks, each endpoint with how its sender signs (test kit). */
    private static final Map<String, Authenticator> SIGNERS = Map.of(
            "/webhooks/moonpay", MoonPay.signature(SECRET), "/webhooks/transak", Transak.signature(SECRET),
            "/webhooks/rampnetwork", RAMP.signer(), "/webhooks/revolut", RevolutRamp.signature(SECRET),
            "/webhooks/onramper", Onramper.signature(SECRET), "/webhooks/svix", StandardWebhooks.of(WHSEC),
            "/webhooks/v1a", V1A.signer());
    private static final Map<String, Authenticator> VERIFIERS = Map.of(
            "/webhooks/moonpay", MoonPay.signature(SECRET), "/webhooks/transak", Transak.signature(SECRET),
            "/webhooks/rampnetwork", RAMP.authenticator(), "/webhooks/revolut", RevolutRamp.signature(SECRET),
            "/webhooks/onramper", Onramper.signature(SECRET), "/webhooks/svix", StandardWebhooks.of(WHSEC),
            "/webhooks/v1a", V1A.authenticator());
    private static final Map<String, Provider> PROVIDERS = Map.of(
            "/webhooks/moonpay", MoonPay.provider(), "/webhooks/transak", Transak.provider(),
            "/webhooks/rampnetwork", RampNetwork.provider(), "/webhooks/revolut", RevolutRamp.provider(),
            "/webhooks/onramper", Onramper.provider(), "/webhooks/svix", MeCash.provider(),
            "/webhooks/v1a", MeCash.provider());

    private Deliveries() {
    }

    /** Inline handling, a catch-all handler that always succeeds: any 500 would be the receiver's own fault. */
    static WebhookReceiver receiver() {
        WebhookReceiver.Builder builder = WebhookReceiver.builder();
        SIGNERS.forEach((path, signer) -> builder.endpoint(path, PROVIDERS.get(path), VERIFIERS.get(path)));
        return builder
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

    /**
     * {@code body} signed correctly for each newer endpoint, so it reaches that provider's parser. Transak's and Ramp
     * Network's senders sign JSON (the claims, the parsed body): a body that is not JSON has no signed form and
     * reaches them unsigned.
     */
    static List<WebhookRequest> signedForNewerProviders(byte[] body) {
        List<WebhookRequest> requests = new ArrayList<>();
        SIGNERS.forEach((path, signer) -> {
            try {
                requests.add(SignedDelivery.of(path, body, signer).request());
            } catch (IllegalArgumentException notJson) {
                requests.add(WebhookRequest.builder().path(path).header("Content-Type", "application/json")
                        .body(body).build());
            }
        });
        return requests;
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
