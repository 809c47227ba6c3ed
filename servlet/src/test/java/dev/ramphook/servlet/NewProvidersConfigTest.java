package dev.ramphook.servlet;

import dev.ramphook.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.Provider;
import dev.ramphook.WebhookRequest;
import dev.ramphook.Authenticator;
import dev.ramphook.moonpay.MoonPay;
import dev.ramphook.onramper.Onramper;
import dev.ramphook.rampnetwork.RampNetwork;
import dev.ramphook.revolut.RevolutRamp;
import dev.ramphook.revolut.RevolutSignature;
import dev.ramphook.testkit.TestKeyPair;
import dev.ramphook.transak.Transak;
import dev.ramphook.transak.TransakJwt;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The providers added for issue 15 by configuration only: their default authentication, and Ed25519 Standard Webhooks. */
class NewProvidersConfigTest {

    private static final String P = "ramphook.endpoint.x.";
    private static final byte[] BODY = "{\"status\":\"paid\",\"transactionType\":\"buy\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final KeyPair SENDER = ed25519();

    private final Map<String, String> keys = new HashMap<>();
    private final Map<String, String> secrets = new HashMap<>(Map.of("SECRET", "s3cret", "RAMP_KEYS", "production",
            "WHPK", whpk(SENDER), "WHSEC", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

    private Authenticator build(Provider provider) {
        return EndpointAuth.of(keys, name -> Optional.ofNullable(secrets.get(name)), P, provider);
    }

    @Test
    void eachNewProviderGetsItsDocumentedAuthenticationFromSecretEnvAlone() {
        keys.put(P + "secret-env", "SECRET");

        assertThat(build(MoonPay.provider()).toString()).contains("Moonpay-Signature-V2").contains("scheme=s");
        assertThat(build(Transak.provider())).isInstanceOf(TransakJwt.class);
        assertThat(build(RevolutRamp.provider())).isInstanceOf(RevolutSignature.class);
        Authenticator onramper = build(Onramper.provider());
        String signature = hmacSha256Hex("s3cret", BODY);
        assertThat(onramper.verify(WebhookRequest.builder().path("/x")
                .header("X-Onramper-Webhook-Signature", signature).build(), BODY).isOk()).isTrue();
    }

    /**
     * BouncyCastle is an optional dependency of ramphook-core, so it does not reach this module: the Ramp Network
     * endpoint then fails at start-up saying what to add, instead of with a NoClassDefFoundError.
     */
    @Test
    void rampNetworkWithoutBouncyCastleFailsSayingWhatToAdd() {
        keys.put(P + "secret-env", "RAMP_KEYS");

        assertThatThrownBy(() -> Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> build(RampNetwork.provider())).isInstanceOf(ConfigException.class)
                .hasMessage(P + "secret-env: Ramp Network signatures use ECDSA on secp256k1, which the JDK no longer"
                        + " has: add org.bouncycastle:bcprov-jdk18on to the class path");
    }

    /** The test kit's Ramp Network key pair needs BouncyCastle as verification does, and says so. */
    @Test
    void aRampNetworkTestKeyPairWithoutBouncyCastleSaysWhatToAdd() {
        assertThatThrownBy(TestKeyPair::rampNetwork).isInstanceOf(IllegalStateException.class)
                .hasMessage("Ramp Network signatures use ECDSA on secp256k1, which the JDK no longer has: add"
                        + " org.bouncycastle:bcprov-jdk18on to the class path");
        assertThat(TestKeyPair.standardWebhooks().publicKey()).startsWith("whpk_"); // Ed25519 is the JDK's own
    }

    @Test
    void standardWebhooksWithAWhpkKeyChecksEd25519Signatures() {
        keys.put(P + "auth", "standard-webhooks");
        keys.put(P + "secret-env", "WHPK");
        long t = System.currentTimeMillis() / 1000;
        WebhookRequest request = WebhookRequest.builder().path("/x").header("svix-id", "msg_1")
                .header("svix-timestamp", "" + t).header("svix-signature", "v1a," + sign("msg_1." + t + ".")).build();

        assertThat(build(MoonPay.provider()).verify(request, BODY).isOk()).isTrue();
    }

    @Test
    void publicKeysAndSecretsDoNotMix() {
        keys.put(P + "auth", "standard-webhooks");
        keys.put(P + "secret-env", "WHPK,WHSEC");

        assertThatThrownBy(() -> build(MoonPay.provider())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mixes whpk_ public keys and secrets");
    }

    private static String sign(String prefix) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(SENDER.getPrivate());
            s.update(prefix.getBytes(StandardCharsets.UTF_8));
            s.update(BODY);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String whpk(KeyPair pair) {
        byte[] spki = pair.getPublic().getEncoded();
        return "whpk_" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    private static String hmacSha256Hex(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
