package dev.ramphook.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.WebhookRequest;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.zbd.ZbdRamp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every built-in scheme signs a delivery that it then accepts, and that stops verifying when the body changes. */
class SigningTest {

    private static final byte[] BODY = "{\"event\":\"ramp.payout.completed\",\"data\":{\"id\":\"tx-1\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] ALTERED = "{\"event\":\"ramp.payout.completed\",\"data\":{\"id\":\"tx-2\"}}"
            .getBytes(StandardCharsets.UTF_8);
    /** A clock two hours in the past: signing uses the authenticator's clock, not the system's. */
    private static final Clock CLOCK = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);

    static Stream<Arguments> signingSchemes() {
        return Stream.of(
                Arguments.of(MeCash.signature("s3cret", "old")),
                Arguments.of(MeCash.sha256Signature("s3cret")),
                Arguments.of(ZbdRamp.signature("s3cret")),
                Arguments.of(HmacSignature.sha512Base64("X-Sig", "s3cret")),
                Arguments.of(HmacSignature.sha256Base64("X-Sig", "s3cret").prefix("v1=")),
                Arguments.of(TimestampedSignature.stripe("whsec_s3cret").clock(CLOCK)),
                Arguments.of(TimestampedSignature.of("Moonpay-Signature-V2", "key").scheme("s").clock(CLOCK)),
                Arguments.of(StandardWebhooks.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").clock(CLOCK)),
                Arguments.of(Authenticator.allOf(IpAllowlist.of("203.0.113.0/24"), MeCash.signature("s3cret"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signingSchemes")
    void aSignedDeliveryIsAcceptedAndAnAlteredBodyIsNot(Authenticator scheme) {
        WebhookRequest signed = scheme.sign(unsigned(), BODY);

        assertThat(scheme.verify(signed, BODY).isOk()).isTrue();
        assertThat(scheme.checkBeforeBody(signed).isOk()).isTrue();
        assertThat(scheme.verify(signed, ALTERED).status()).isEqualTo(401);
    }

    @Test
    void urlTokensGoWhereTheCheckLooks() {
        UrlToken query = ZbdRamp.provider().defaultAuthenticator("t0k3n+/=");
        UrlToken path = UrlToken.pathSegment("t0k3n");

        WebhookRequest inQuery = query.sign(unsigned().toBuilder().query("a=1").build(), BODY);
        WebhookRequest inPath = path.sign(unsigned(), BODY);

        assertThat(query.verify(inQuery, BODY).isOk()).isTrue();
        assertThat(inQuery.queryParameter("a")).hasValue("1");
        assertThat(inPath.path()).isEqualTo("/webhooks/zbd/t0k3n");
        assertThat(path.verify(inPath, BODY).isOk()).isTrue();
    }

    @Test
    void anAllowlistPicksAnAllowedSourceAndStandardWebhooksNamesTheMessageAfterTheBody() {
        WebhookRequest allowed = IpAllowlist.of("203.0.113.0/24").sign(unsigned(), BODY);
        StandardWebhooks standard = StandardWebhooks.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(allowed.remoteAddress()).hasValue("203.0.113.0");
        assertThat(standard.sign(unsigned(), BODY).header("webhook-id"))
                .isEqualTo(standard.sign(unsigned(), BODY).header("webhook-id"))
                .isNotEqualTo(standard.sign(unsigned(), ALTERED).header("webhook-id"));
        assertThat(standard.verify(standard.sign(unsigned(), BODY), BODY).eventId()).isPresent();
    }

    @Test
    void noneSignsNothingAndAnAuthenticatorThatCannotSignSaysSo() {
        Authenticator custom = (request, body) -> Verification.ok();

        assertThat(Authenticator.none().sign(unsigned(), BODY).headerNames()).containsExactly("Content-Type");
        assertThatThrownBy(() -> custom.sign(unsigned(), BODY)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot sign a delivery");
    }

    private static WebhookRequest unsigned() {
        return WebhookRequest.builder().path("/webhooks/zbd").header("Content-Type", "application/json").body(BODY)
                .remoteAddress("127.0.0.1").build();
    }
}
