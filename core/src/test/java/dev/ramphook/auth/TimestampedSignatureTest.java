package dev.ramphook.auth;

import static dev.ramphook.auth.SignatureFixtures.hex;
import static dev.ramphook.auth.SignatureFixtures.hmac;
import static dev.ramphook.auth.SignatureFixtures.post;
import static dev.ramphook.auth.SignatureFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampedSignatureTest {

    // Stripe's own library tests use this secret and payload.
    private static final String SECRET = "whsec_test_secret";
    private static final String BODY = "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\"\n}";
    private static final long NOW = 1_700_000_000L;

    private static String v1(long t, String secret) {
        return hex(hmac("HmacSHA256", utf8(secret), t + "." + BODY));
    }

    private static TimestampedSignature stripeAt(long epochSecond) {
        return TimestampedSignature.stripe(SECRET).clock(Clock.fixed(Instant.ofEpochSecond(epochSecond),
                ZoneOffset.UTC));
    }

    private static Verification stripeVerify(TimestampedSignature check, String header) {
        return check.verify(post("Stripe-Signature", header), utf8(BODY));
    }

    @Test
    void acceptsFreshStripeSignature() {
        assertThat(stripeVerify(stripeAt(NOW), "t=" + NOW + ",v1=" + v1(NOW, SECRET)).isOk()).isTrue();
    }

    @Test
    void extraBadV1BesideAGoodOnePasses() {
        String header = "t=" + NOW + ",v1=" + v1(NOW, "whsec_other") + ",v1=" + v1(NOW, SECRET);

        assertThat(stripeVerify(stripeAt(NOW), header).isOk()).isTrue();
    }

    @Test
    void otherSchemesAreIgnored() {
        String header = "t=" + NOW + ",v0=" + "ab".repeat(32) + ",v1=" + v1(NOW, SECRET);

        assertThat(stripeVerify(stripeAt(NOW), header).isOk()).isTrue();
    }

    @Test
    void onlyBadSignaturesFail() {
        assertThat(stripeVerify(stripeAt(NOW), "t=" + NOW + ",v1=" + v1(NOW, "whsec_other")).reason())
                .hasValue("no matching signature");
    }

    @Test
    void signatureOverAnotherTimestampFails() {
        assertThat(stripeVerify(stripeAt(NOW), "t=" + NOW + ",v1=" + v1(NOW - 1, SECRET)).reason())
                .hasValue("no matching signature");
    }

    @Test
    void atTheToleranceEdgeIsAccepted() {
        long t = NOW - 300;

        assertThat(stripeVerify(stripeAt(NOW), "t=" + t + ",v1=" + v1(t, SECRET)).isOk()).isTrue();
    }

    @Test
    void olderThanToleranceIsRejected() {
        long t = NOW - 301;

        assertThat(stripeVerify(stripeAt(NOW), "t=" + t + ",v1=" + v1(t, SECRET)).reason())
                .hasValue("timestamp outside tolerance");
    }

    @Test
    void futureWithinToleranceIsAcceptedAsClockSkew() {
        long t = NOW + 300;

        assertThat(stripeVerify(stripeAt(NOW), "t=" + t + ",v1=" + v1(t, SECRET)).isOk()).isTrue();
    }

    @Test
    void futureBeyondToleranceIsRejected() {
        long t = NOW + 301;

        assertThat(stripeVerify(stripeAt(NOW), "t=" + t + ",v1=" + v1(t, SECRET)).reason())
                .hasValue("timestamp outside tolerance");
    }

    @Test
    void withoutTimeCheckSkipsTheTimeCheckButNotTheSignature() {
        TimestampedSignature noTime = stripeAt(NOW).withoutTimeCheck();
        long old = NOW - 86_400 * 365;

        assertThat(stripeVerify(noTime, "t=" + old + ",v1=" + v1(old, SECRET)).isOk()).isTrue();
        assertThat(stripeVerify(noTime, "t=" + old + ",v1=" + v1(old, "whsec_other")).isOk()).isFalse();
        assertThat(noTime.toString()).contains("tolerance=off");
    }

    @Test
    void aToleranceTurnsTheTimeCheckBackOn() {
        long old = NOW - 3600;

        assertThat(stripeVerify(stripeAt(NOW).withoutTimeCheck().tolerance(Duration.ofMinutes(5)),
                "t=" + old + ",v1=" + v1(old, SECRET)).reason()).hasValue("timestamp outside tolerance");
    }

    @Test
    void zeroToleranceIsRefusedNotTakenAsOff() {
        assertThatThrownBy(() -> stripeAt(NOW).tolerance(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TimestampedSignature tolerance must be positive, got PT0S (to turn the time check off,"
                        + " use withoutTimeCheck())");
    }

    @Test
    void negativeToleranceIsRefused() {
        assertThatThrownBy(() -> stripeAt(NOW).tolerance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TimestampedSignature tolerance must be positive, got PT-1S");
    }

    @Test
    void customToleranceApplies() {
        long t = NOW - 11;

        assertThat(stripeVerify(stripeAt(NOW).tolerance(Duration.ofSeconds(10)), "t=" + t + ",v1=" + v1(t, SECRET))
                .reason()).hasValue("timestamp outside tolerance");
    }

    @Test
    void missingHeaderIsNamed() {
        assertThat(stripeAt(NOW).verify(post(), utf8(BODY)).reason())
                .hasValue("missing signature header Stripe-Signature");
    }

    @Test
    void missingTimestampIsNamed() {
        assertThat(stripeVerify(stripeAt(NOW), "v1=" + v1(NOW, SECRET)).reason())
                .hasValue("no timestamp t= in Stripe-Signature");
    }

    @Test
    void malformedTimestampIsNamed() {
        assertThat(stripeVerify(stripeAt(NOW), "t=-5,v1=" + v1(NOW, SECRET)).reason())
                .hasValue("malformed timestamp in Stripe-Signature");
    }

    @Test
    void twoTimestampsAreRefusedAsAmbiguous() {
        String header = "t=" + NOW + ",t=" + (NOW - 1) + ",v1=" + v1(NOW, SECRET);

        assertThat(stripeVerify(stripeAt(NOW), header).status()).isEqualTo(401);
    }

    @Test
    void headerWithoutTheSchemeIsNamed() {
        assertThat(stripeVerify(stripeAt(NOW), "t=" + NOW + ",v0=" + v1(NOW, SECRET)).reason())
                .hasValue("no v1= signature in Stripe-Signature");
    }

    @Test
    void moonPayUsesItsHeaderAndTheSLabel() {
        String apiKey = "sk_test_moonpay";
        String signature = hex(hmac("HmacSHA256", utf8(apiKey), NOW + "." + BODY));
        TimestampedSignature check = TimestampedSignature.of("Moonpay-Signature-V2", apiKey).scheme("s")
                .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

        assertThat(check.verify(post("Moonpay-Signature-V2", "t=" + NOW + ",s=" + signature), utf8(BODY)).isOk())
                .isTrue();
    }

    @Test
    void toStringHidesTheSecret() {
        assertThat(TimestampedSignature.stripe(SECRET).toString()).contains("Stripe-Signature")
                .doesNotContain(SECRET);
    }
}
