package dev.ramphook.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ramphook.WebhookRequest;
import dev.ramphook.Authenticator;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.auth.IpAllowlist;
import dev.ramphook.auth.StandardWebhooks;
import dev.ramphook.auth.TimestampedSignature;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.Verification;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.moonpay.MoonPay;
import dev.ramphook.onramper.Onramper;
import dev.ramphook.rampnetwork.RampNetwork;
import dev.ramphook.revolut.RevolutRamp;
import dev.ramphook.testkit.TestKeyPair;
import dev.ramphook.transak.Transak;
import dev.ramphook.zbd.ZbdRamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** Every authenticator over any headers, peer, path and query: answers 200, 401 or 403, never throws or leaks. */
class AuthenticatorFuzzTest {

    private static final String SECRET = "fuzz-secret-value";
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final TestKeyPair V1A = TestKeyPair.standardWebhooks();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_614_265_330L), ZoneOffset.UTC);

    private static final List<Authenticator> ALL = List.of(
            MeCash.signature(SECRET),
            MeCash.sha256Signature(SECRET),
            ZbdRamp.signature(SECRET),
            HmacSignature.sha256Base64("X-Signature", SECRET),
            StandardWebhooks.of(WHSEC).clock(CLOCK),
            TimestampedSignature.stripe(SECRET).clock(CLOCK),
            TimestampedSignature.of("Moonpay-Signature-V2", SECRET).scheme("s").clock(CLOCK),
            UrlToken.of(SECRET),
            UrlToken.pathSegment(SECRET),
            IpAllowlist.of("192.0.2.0/24", "2001:db8::/32").trustedProxies("10.0.0.0/8", "fd00::/8"),
            IpAllowlist.of("192.0.2.0/24").trustedProxies("10.0.0.0/8")
                    .forwardedHeader(IpAllowlist.ProxyHeader.FORWARDED),
            MoonPay.signature(SECRET).clock(CLOCK),
            Transak.signature(SECRET).clock(CLOCK),
            RevolutRamp.signature(SECRET).clock(CLOCK),
            Onramper.signature(SECRET),
            RampNetwork.signature(),
            V1A.authenticator());

    private static final List<String> HEADERS = List.of("X-Signature", "X-meCash-Signature", "X-ZBD-Signature",
            "webhook-id", "webhook-timestamp", "webhook-signature", "Stripe-Signature", "Moonpay-Signature-V2",
            "svix-id", "svix-timestamp", "svix-signature", "Revolut-Signature", "Revolut-Request-Timestamp",
            "X-Onramper-Webhook-Signature", "X-Body-Signature",
            "X-Forwarded-For", "Forwarded");

    @FuzzTest(maxDuration = "4m")
    void everyAuthenticatorAnswers(FuzzedDataProvider data) {
        WebhookRequest.Builder request = WebhookRequest.builder()
                .path("/webhooks/x/" + data.consumeString(60))
                .remoteAddress(data.consumeBoolean() ? data.consumeString(60) : "10.0.0.1");
        if (data.consumeBoolean()) {
            request.query(data.consumeString(80));
        }
        int headers = data.consumeInt(0, 8);
        for (int i = 0; i < headers; i++) {
            request.header(data.pickValue(HEADERS), data.consumeString(200));
        }
        byte[] body = data.consumeRemainingAsBytes();
        WebhookRequest built = request.build();
        for (Authenticator authenticator : ALL) {
            Verification v = authenticator.verify(built, body);
            assertThat(v.status()).isIn(Set.of(200, 401, 403));
            assertThat(v.reason().orElse("")).doesNotContain(SECRET).doesNotContain("MfKQ9r8G");
            assertThat(authenticator.toString()).doesNotContain(SECRET).doesNotContain("MfKQ9r8G")
                    .doesNotContain(V1A.privateKey().substring(5, 20));
        }
    }
}
