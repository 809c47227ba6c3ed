package dev.ramphook;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.auth.IpAllowlist;
import dev.ramphook.auth.StandardWebhooks;
import dev.ramphook.auth.TimestampedSignature;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testing.ShopProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One clock: {@code Builder.clock} reaches every endpoint's authenticator that was not given a clock of its own.
 * The receiver's clock is years away from the system clock, so an authenticator left on the system clock refuses.
 */
class ReceiverClockTest {

    private static final Instant THEN = Instant.parse("2020-02-02T12:00:00Z");
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String BODY = ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1");

    private WebhookReceiver receiver;

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private WebhookReceiver receiverAt(Instant now, Authenticator authenticator) {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), authenticator)
                .on("*", (event, context) -> { })
                .clock(at(now))
                .build();
        return receiver;
    }

    /** A delivery signed at {@code signedAt}, by a signer with its own clock (the receiver's copy is not used). */
    private static WebhookRequest signed(Authenticator signerAtTime) {
        return signerAtTime.sign(post("/hooks/shop", BODY), BODY.getBytes(StandardCharsets.UTF_8));
    }

    private static WebhookRequest standardWebhooksAt(Instant signedAt) {
        return signed(StandardWebhooks.of(WHSEC).clock(at(signedAt)));
    }

    @Test
    void aStandardWebhooksEndpointChecksTimestampsAgainstTheReceiversClock() {
        receiverAt(THEN, StandardWebhooks.of(WHSEC));

        assertThat(receiver.receive(standardWebhooksAt(THEN)).status()).isEqualTo(200);
    }

    @Test
    void aTimestampOutsideToleranceOfTheReceiversClockIsRefused() {
        receiverAt(THEN, StandardWebhooks.of(WHSEC));

        WebhookResponse response = receiver.receive(standardWebhooksAt(THEN.minusSeconds(301)));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.bodyText()).contains("timestamp outside tolerance");
    }

    @Test
    void aTimestampedSignatureEndpointUsesTheReceiversClockToo() {
        receiverAt(THEN, TimestampedSignature.stripe("whsec_s3cret"));

        assertThat(receiver.receive(signed(TimestampedSignature.stripe("whsec_s3cret").clock(at(THEN)))).status())
                .isEqualTo(200);
        assertThat(receiver.receive(signed(TimestampedSignature.stripe("whsec_s3cret")
                .clock(at(THEN.plusSeconds(301))))).status()).isEqualTo(401);
    }

    @Test
    void allOfHandsTheClockToItsMembers() {
        receiverAt(THEN, Authenticator.allOf(IpAllowlist.of("127.0.0.1/32"), StandardWebhooks.of(WHSEC)));

        assertThat(receiver.receive(standardWebhooksAt(THEN)).status()).isEqualTo(200);
        assertThat(receiver.receive(standardWebhooksAt(THEN.minus(Duration.ofHours(1)))).status()).isEqualTo(401);
    }

    @Test
    void anAuthenticatorsExplicitClockWinsOverTheReceivers() {
        Instant authenticatorNow = THEN.plus(Duration.ofHours(1));
        receiverAt(THEN, StandardWebhooks.of(WHSEC).clock(at(authenticatorNow)));

        assertThat(receiver.receive(standardWebhooksAt(THEN)).status()).isEqualTo(401);
        assertThat(receiver.receive(standardWebhooksAt(authenticatorNow)).status()).isEqualTo(200);
    }

    @Test
    void withDefaultClockLeavesTheAuthenticatorItWasCalledOnAsItWas() {
        StandardWebhooks systemClock = StandardWebhooks.of(WHSEC);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        assertThat(systemClock.withDefaultClock(at(THEN)).verify(standardWebhooksAt(THEN), body).isOk()).isTrue();
        assertThat(systemClock.verify(standardWebhooksAt(THEN), body).isOk()).isFalse();
    }

    @Test
    void anAuthenticatorThatChecksNoTimeIsReturnedAsItIs() {
        Authenticator none = Authenticator.none();

        assertThat(none.withDefaultClock(at(THEN))).isSameAs(none);
        assertThatThrownBy(() -> none.withDefaultClock(null)).isInstanceOf(NullPointerException.class);
    }
}
