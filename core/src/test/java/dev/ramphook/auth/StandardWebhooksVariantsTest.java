package dev.ramphook.auth;

import static dev.ramphook.auth.SignatureFixtures.post;
import static dev.ramphook.auth.SignatureFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.Verification;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Svix's header names and the asymmetric {@code v1a} (Ed25519) signatures of the Standard Webhooks spec. */
class StandardWebhooksVariantsTest {

    // The specification's published symmetric vector (also in StandardWebhooksTest).
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Clock AT_TIMESTAMP = Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC);

    private static final KeyPair SENDER = ed25519();
    private static final KeyPair STRANGER = ed25519();

    @Test
    void svixHeaderNamesCarryThePublishedVector() {
        Verification v = StandardWebhooks.of(SECRET).clock(AT_TIMESTAMP).verify(
                post("svix-id", ID, "svix-timestamp", Long.toString(TIMESTAMP), "svix-signature", SIGNATURE),
                utf8(BODY));

        assertThat(v.isOk()).isTrue();
        assertThat(v.eventId()).hasValue(ID);
    }

    @Test
    void headerSetsAreNotMixed() {
        Verification v = StandardWebhooks.of(SECRET).clock(AT_TIMESTAMP).verify(
                post("webhook-id", ID, "svix-timestamp", Long.toString(TIMESTAMP), "svix-signature", SIGNATURE),
                utf8(BODY));

        assertThat(v.status()).isEqualTo(401);
        assertThat(v.reason()).hasValue("missing signature header webhook-timestamp");
    }

    @Test
    void svixSignatureForAnotherBodyIsRefused() {
        Verification v = StandardWebhooks.of(SECRET).clock(AT_TIMESTAMP).verify(
                post("svix-id", ID, "svix-timestamp", Long.toString(TIMESTAMP), "svix-signature", SIGNATURE),
                utf8("{\"test\": 2432232315}"));

        assertThat(v.reason()).hasValue("no matching signature");
    }

    @Test
    void ed25519SignatureVerifiesWithTheWhpkKey() {
        Verification v = asymmetric(whpk(SENDER)).verify(delivery("v1a," + sign(SENDER, BODY)), utf8(BODY));

        assertThat(v.isOk()).isTrue();
        assertThat(v.eventId()).hasValue(ID);
    }

    @Test
    void oneValidV1aAmongSeveralEntriesIsEnough() {
        String header = SIGNATURE + " v1a," + sign(STRANGER, BODY) + " v1a," + sign(SENDER, BODY);

        assertThat(asymmetric(whpk(SENDER)).verify(delivery(header), utf8(BODY)).isOk()).isTrue();
    }

    @Test
    void signatureOfAnotherKeyIsRefused() {
        Verification v = asymmetric(whpk(SENDER)).verify(delivery("v1a," + sign(STRANGER, BODY)), utf8(BODY));

        assertThat(v.status()).isEqualTo(401);
        assertThat(v.reason()).hasValue("no matching signature");
    }

    @Test
    void alteredBodyIsRefused() {
        Verification v = asymmetric(whpk(SENDER)).verify(delivery("v1a," + sign(SENDER, BODY)),
                utf8("{\"test\": 1}"));

        assertThat(v.reason()).hasValue("no matching signature");
    }

    @Test
    void symmetricV1IsNotAcceptedByAnAsymmetricCheck() {
        Verification v = asymmetric(whpk(SENDER)).verify(delivery(SIGNATURE), utf8(BODY));

        assertThat(v.reason()).hasValue("no v1a signature in webhook-signature");
    }

    @Test
    void v1aIsNotAcceptedByASymmetricCheck() {
        Verification v = StandardWebhooks.of(SECRET).clock(AT_TIMESTAMP)
                .verify(delivery("v1a," + sign(SENDER, BODY)), utf8(BODY));

        assertThat(v.reason()).hasValue("no v1 signature in webhook-signature");
    }

    @Test
    void malformedV1aSignaturesAreNoMatchNotErrors() {
        String header = "v1a,not*base64 v1a,AAAA v1a," + Base64.getEncoder().encodeToString(new byte[64]);

        Verification v = asymmetric(whpk(SENDER)).verify(delivery(header), utf8(BODY));

        assertThat(v.status()).isEqualTo(401);
    }

    @Test
    void expiredTimestampIsRefusedEvenWithAValidSignature() {
        Verification v = StandardWebhooks.ofPublicKeys(whpk(SENDER))
                .clock(Clock.fixed(Instant.ofEpochSecond(TIMESTAMP + 301), ZoneOffset.UTC))
                .verify(delivery("v1a," + sign(SENDER, BODY)), utf8(BODY));

        assertThat(v.reason()).hasValue("timestamp outside tolerance");
    }

    @Test
    void x509EncodedKeyIsAcceptedToo() {
        String spki = Base64.getEncoder().encodeToString(SENDER.getPublic().getEncoded());

        assertThat(asymmetric(spki).verify(delivery("v1a," + sign(SENDER, BODY)), utf8(BODY)).isOk()).isTrue();
    }

    @Test
    void keysThatAreNotEd25519PublicKeysFailAtConstructionWithoutEchoingThem() {
        assertThatThrownBy(() -> StandardWebhooks.ofPublicKeys("whpk_c2VjcmV0LXRoYXQtaXMtdG9vLXNob3J0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(StandardWebhooks::ofPublicKeys).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAsymmetricCheckCannotSignForItHoldsNoPrivateKey() {
        assertThatThrownBy(() -> asymmetric(whpk(SENDER)).sign(delivery("x"), utf8(BODY)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringNamesTheKindAndCountOnly() {
        assertThat(asymmetric(whpk(SENDER)).toString()).contains("v1a").contains("publicKeys=1")
                .doesNotContain(whpk(SENDER).substring(5));
    }

    private static StandardWebhooks asymmetric(String key) {
        return StandardWebhooks.ofPublicKeys(key).clock(AT_TIMESTAMP);
    }

    private static dev.ramphook.WebhookRequest delivery(String signature) {
        return post("webhook-id", ID, "webhook-timestamp", Long.toString(TIMESTAMP), "webhook-signature", signature);
    }

    /** Signs independently of main code, with the JDK's Ed25519. */
    private static String sign(KeyPair pair, String body) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(utf8(ID + "." + TIMESTAMP + "." + body));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The raw 32-byte key is the last 32 bytes of its X.509 encoding. */
    static String whpk(KeyPair pair) {
        byte[] spki = pair.getPublic().getEncoded();
        return "whpk_" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
