package dev.ramphook.auth;

import static dev.ramphook.auth.SignatureFixtures.base64;
import static dev.ramphook.auth.SignatureFixtures.hmac;
import static dev.ramphook.auth.SignatureFixtures.post;
import static dev.ramphook.auth.SignatureFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.Verification;
import dev.ramphook.WebhookRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

    // The Standard Webhooks specification's published test vector.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final byte[] KEY = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));

    private static StandardWebhooks checkAt(long epochSecond) {
        return StandardWebhooks.of(SECRET).clock(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static WebhookRequest delivery(String signature) {
        return post("webhook-id", ID, "webhook-timestamp", Long.toString(TIMESTAMP), "webhook-signature", signature);
    }

    @Test
    void publishedVectorIsReproducedIndependently() {
        String signed = ID + "." + TIMESTAMP + "." + BODY;

        assertThat("v1," + base64(hmac("HmacSHA256", KEY, signed))).isEqualTo(SIGNATURE);
    }

    @Test
    void acceptsThePublishedVectorAndReturnsTheWebhookIdAsEventId() {
        Verification v = checkAt(TIMESTAMP).verify(delivery(SIGNATURE), utf8(BODY));

        assertThat(v.isOk()).isTrue();
        assertThat(v.eventId()).hasValue(ID);
    }

    @Test
    void secretWithoutWhsecPrefixIsTheSameKey() {
        StandardWebhooks bare = StandardWebhooks.of(SECRET.substring("whsec_".length()))
                .clock(Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC));

        assertThat(bare.verify(delivery(SIGNATURE), utf8(BODY)).isOk()).isTrue();
    }

    @Test
    void rawKeyBytesAreTheSameKey() {
        StandardWebhooks raw = StandardWebhooks.fromRawKeys(KEY)
                .clock(Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC));

        assertThat(raw.verify(delivery(SIGNATURE), utf8(BODY)).isOk()).isTrue();
    }

    @Test
    void oneGoodEntryInASpaceSeparatedListIsEnough() {
        String other = "v1," + base64(hmac("HmacSHA256", utf8("other key"), ID + "." + TIMESTAMP + "." + BODY));

        assertThat(checkAt(TIMESTAMP).verify(delivery(other + " v1a,c29tZXRoaW5n " + SIGNATURE), utf8(BODY)).isOk())
                .isTrue();
    }

    @Test
    void anyRotatedSecretMayHaveSigned() {
        StandardWebhooks rotated = StandardWebhooks.of("whsec_" + base64(utf8("a newer key, 32 bytes long......")),
                SECRET).clock(Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC));

        assertThat(rotated.verify(delivery(SIGNATURE), utf8(BODY)).isOk()).isTrue();
    }

    @Test
    void eachMissingHeaderIsNamed() {
        String ts = Long.toString(TIMESTAMP);
        StandardWebhooks check = checkAt(TIMESTAMP);

        assertThat(check.verify(post("webhook-timestamp", ts, "webhook-signature", SIGNATURE), utf8(BODY)).reason())
                .hasValue("missing signature header webhook-id");
        assertThat(check.verify(post("webhook-id", ID, "webhook-signature", SIGNATURE), utf8(BODY)).reason())
                .hasValue("missing signature header webhook-timestamp");
        assertThat(check.verify(post("webhook-id", ID, "webhook-timestamp", ts), utf8(BODY)).reason())
                .hasValue("missing signature header webhook-signature");
    }

    @Test
    void nonNumericTimestampIsMalformed() {
        WebhookRequest request = post("webhook-id", ID, "webhook-timestamp", "1614265330.5",
                "webhook-signature", SIGNATURE);

        assertThat(checkAt(TIMESTAMP).verify(request, utf8(BODY)).reason()).hasValue("malformed webhook-timestamp");
    }

    @Test
    void timestampOtherThanTheSignedOneFails() {
        WebhookRequest request = post("webhook-id", ID, "webhook-timestamp", Long.toString(TIMESTAMP + 1),
                "webhook-signature", SIGNATURE);

        assertThat(checkAt(TIMESTAMP).verify(request, utf8(BODY)).reason()).hasValue("no matching signature");
    }

    @Test
    void truncatedSignatureFails() {
        String truncated = SIGNATURE.substring(0, SIGNATURE.length() - 8);

        assertThat(checkAt(TIMESTAMP).verify(delivery(truncated), utf8(BODY)).reason())
                .hasValue("no matching signature");
    }

    @Test
    void foreignVersionIsNotAccepted() {
        Verification v = checkAt(TIMESTAMP).verify(delivery(SIGNATURE.replace("v1,", "v2,")), utf8(BODY));

        assertThat(v.status()).isEqualTo(401);
        assertThat(v.reason()).hasValue("no v1 signature in webhook-signature");
    }

    @Test
    void exactlyFiveMinutesEitherWayIsAccepted() {
        assertThat(checkAt(TIMESTAMP + 300).verify(delivery(SIGNATURE), utf8(BODY)).isOk()).isTrue();
        assertThat(checkAt(TIMESTAMP - 300).verify(delivery(SIGNATURE), utf8(BODY)).isOk()).isTrue();
    }

    @Test
    void fiveMinutesAndOneSecondOldIsOutsideTolerance() {
        assertThat(checkAt(TIMESTAMP + 301).verify(delivery(SIGNATURE), utf8(BODY)).reason())
                .hasValue("timestamp outside tolerance");
    }

    @Test
    void fiveMinutesAndOneSecondAheadIsOutsideTolerance() {
        assertThat(checkAt(TIMESTAMP - 301).verify(delivery(SIGNATURE), utf8(BODY)).reason())
                .hasValue("timestamp outside tolerance");
    }

    @Test
    void toleranceIsConfigurable() {
        StandardWebhooks tight = checkAt(TIMESTAMP + 61).tolerance(Duration.ofMinutes(1));

        assertThat(tight.verify(delivery(SIGNATURE), utf8(BODY)).reason()).hasValue("timestamp outside tolerance");
    }

    @Test
    void overlongWebhookIdIsRejectedBeforeItBecomesAKey() {
        WebhookRequest request = post("webhook-id", "m".repeat(256), "webhook-timestamp", Long.toString(TIMESTAMP),
                "webhook-signature", SIGNATURE);

        assertThat(checkAt(TIMESTAMP).verify(request, utf8(BODY)).status()).isEqualTo(401);
    }

    @Test
    void secretThatIsNotBase64IsAConfigurationErrorThatDoesNotRepeatIt() {
        assertThatThrownBy(() -> StandardWebhooks.of("whsec_not*base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("not*base64!");
    }

    @Test
    void zeroToleranceIsAConfigurationError() {
        assertThatThrownBy(() -> StandardWebhooks.of(SECRET).tolerance(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("StandardWebhooks tolerance must be positive, got PT0S");
    }

    @Test
    void negativeToleranceIsAConfigurationError() {
        assertThatThrownBy(() -> StandardWebhooks.of(SECRET).tolerance(Duration.ofMinutes(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("StandardWebhooks tolerance must be positive, got PT-5M");
    }

    @Test
    void toStringAndReasonsHideTheSecretAndSignature() {
        Verification v = checkAt(TIMESTAMP).verify(delivery("v1,AAAA"), utf8(BODY));

        assertThat(StandardWebhooks.of(SECRET).toString()).doesNotContain(SECRET).doesNotContain("MfKQ9r8G");
        assertThat(v.reason().orElseThrow()).doesNotContain(SIGNATURE.substring(3));
    }
}
