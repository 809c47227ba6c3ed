package dev.ramphook.servlet;

import dev.ramphook.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.Provider;
import dev.ramphook.WebhookRequest;
import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.testing.http.EchoProvider;
import dev.ramphook.zbd.ZbdRamp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The auth values beyond tokens and plain HMACs: provider presets, Standard Webhooks, timestamped signatures. */
class AuthenticatorConfigTest {

    static final String P = "ramphook.endpoint.echo.";
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Map<String, String> SECRETS = Map.of("ECHO_SECRET", "s3cret", "SW_SECRET", WHSEC,
            "NOT_BASE64", "whsec_%%%not-base64%%%");
    private static final byte[] BODY = "{\"event\":\"echo.sent\"}".getBytes(StandardCharsets.UTF_8);

    private final Map<String, String> keys = new HashMap<>();

    private Authenticator build() {
        return EndpointAuth.of(keys, name -> Optional.ofNullable(SECRETS.get(name)), P, new EchoProvider());
    }

    private void auth(String scheme, String secretEnv) {
        keys.put(P + "auth", scheme);
        keys.put(P + "secret-env", secretEnv);
    }

    private static WebhookRequest.Builder request() {
        return WebhookRequest.builder().method("POST").path("/webhooks/echo").remoteAddress("127.0.0.1");
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private Authenticator buildFor(Provider provider) {
        return EndpointAuth.of(keys, name -> Optional.ofNullable(SECRETS.get(name)), P, provider);
    }

    @Test
    void withoutAuthTheProviderDefaultIsKeyedWithSecretEnv() {
        keys.put(P + "secret-env", "ECHO_SECRET");
        Authenticator auth = buildFor(MeCash.provider());

        assertThat(auth.verify(request().header("X-Signature", Hmac.sha512Hex("s3cret", BODY)).build(), BODY).isOk())
                .isTrue();
        assertThat(auth.verify(request().header("X-Signature", Hmac.sha512Hex("other", BODY)).build(), BODY).status())
                .isEqualTo(401);
    }

    @Test
    void withoutAuthATokenProviderTakesTokenEnv() {
        keys.put(P + "token-env", "ECHO_SECRET");
        Authenticator auth = buildFor(ZbdRamp.provider());

        assertThat(auth.verify(request().query("token=s3cret").build(), BODY).isOk()).isTrue();
        assertThat(auth.verify(request().query("token=wrong").build(), BODY).status()).isEqualTo(401);
    }

    @Test
    void withoutAuthOneSecretKeyIsRequiredAndOtherAuthKeysDoNotApply() {
        assertThatThrownBy(() -> buildFor(MeCash.provider())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(P + "auth is not set, so the endpoint uses provider mecash's own");
        keys.put(P + "secret-env", "ECHO_SECRET");
        keys.put(P + "token-env", "ECHO_SECRET");
        assertThatThrownBy(() -> buildFor(MeCash.provider())).hasMessageContaining("set one of them, not both");
        keys.remove(P + "token-env");
        keys.put(P + "signature-header", "X-Other");
        assertThatThrownBy(() -> buildFor(MeCash.provider()))
                .hasMessageStartingWith(P + "signature-header does not apply to the provider's default");
    }

    @Test
    void withoutAuthAProviderWithoutADefaultNeedsAuth() {
        keys.put(P + "secret-env", "ECHO_SECRET");

        assertThatThrownBy(() -> buildFor(new EchoProvider())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(P + "auth is required: provider echo names no default authentication");
    }

    @Test
    void meCashPresetIsHexHmacSha512InXSignature() {
        auth("mecash", "ECHO_SECRET");

        Verification v = build().verify(request().header("X-Signature", Hmac.sha512Hex("s3cret", BODY)).build(), BODY);

        assertThat(v.isOk()).isTrue();
    }

    @Test
    void meCashSha256PresetNeedsTheSha256PrefixInXMeCashSignature() {
        auth("mecash-sha256", "ECHO_SECRET");
        Authenticator auth = build();
        String hex = Hmac.sha256Hex("s3cret", BODY);

        assertThat(auth.verify(request().header("X-meCash-Signature", "sha256=" + hex).build(), BODY).isOk()).isTrue();
        assertThat(auth.verify(request().header("X-meCash-Signature", hex).build(), BODY).status()).isEqualTo(401);
    }

    @Test
    void zbdSignaturePresetIsHexHmacSha256InXZbdSignature() {
        auth("zbd-signature", "ECHO_SECRET");

        Verification v = build().verify(request().header("X-ZBD-Signature", Hmac.sha256Hex("s3cret", BODY)).build(),
                BODY);

        assertThat(v.isOk()).isTrue();
    }

    @Test
    void presetsFixTheirHeaderSoSignatureHeaderDoesNotApply() {
        auth("mecash", "ECHO_SECRET");
        keys.put(P + "signature-header", "X-Other");

        assertThatThrownBy(this::build).hasMessage(P + "signature-header does not apply to " + P + "auth=mecash");
    }

    @Test
    void standardWebhooksAcceptsASignedDeliveryAndMakesTheWebhookIdTheEventId() {
        auth("standard-webhooks", "SW_SECRET");
        long t = now();

        Verification v = build().verify(request().header("webhook-id", "msg_1").header("webhook-timestamp", "" + t)
                .header("webhook-signature", Hmac.standardWebhooks(WHSEC, "msg_1", t, BODY)).build(), BODY);

        assertThat(v.isOk()).isTrue();
        assertThat(v.eventId()).hasValue("msg_1");
    }

    @Test
    void standardWebhooksToleranceIsConfigurableInSeconds() {
        auth("standard-webhooks", "SW_SECRET");
        long tenMinutesAgo = now() - 600;
        WebhookRequest old = request().header("webhook-id", "msg_2").header("webhook-timestamp", "" + tenMinutesAgo)
                .header("webhook-signature", Hmac.standardWebhooks(WHSEC, "msg_2", tenMinutesAgo, BODY)).build();

        assertThat(build().verify(old, BODY).reason()).hasValue("timestamp outside tolerance");
        keys.put(P + "tolerance", "900");
        assertThat(build().verify(old, BODY).isOk()).isTrue();
    }

    @Test
    void standardWebhooksToleranceMustBePositive() {
        auth("standard-webhooks", "SW_SECRET");
        keys.put(P + "tolerance", "0");

        assertThatThrownBy(this::build)
                .hasMessageStartingWith(P + "tolerance must be a whole number of seconds above 0");
    }

    @Test
    void standardWebhooksSecretThatIsNotBase64NamesKeyAndVariableButNotTheValue() {
        auth("standard-webhooks", "SW_SECRET, NOT_BASE64");

        assertThatThrownBy(this::build).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(P + "secret-env names NOT_BASE64: ")
                .hasMessageNotContaining("not-base64");
    }

    @Test
    void timestampedVerifiesTAndV1InTheConfiguredHeader() {
        auth("timestamped", "ECHO_SECRET");
        keys.put(P + "signature-header", "Stripe-Signature");
        long t = now();

        Verification v = build().verify(request().header("Stripe-Signature",
                "t=" + t + ",v1=" + Hmac.timestamped("s3cret", t, BODY)).build(), BODY);

        assertThat(v.isOk()).isTrue();
    }

    @Test
    void timestampedSchemeLabelIsConfigurable() {
        auth("timestamped", "ECHO_SECRET");
        keys.put(P + "signature-header", "Moonpay-Signature-V2");
        keys.put(P + "scheme", "s");
        long t = now();
        String signature = Hmac.timestamped("s3cret", t, BODY);

        Authenticator auth = build();

        assertThat(auth.verify(request().header("Moonpay-Signature-V2", "t=" + t + ",s=" + signature).build(), BODY)
                .isOk()).isTrue();
        assertThat(auth.verify(request().header("Moonpay-Signature-V2", "t=" + t + ",v1=" + signature).build(), BODY)
                .status()).isEqualTo(401);
    }

    @Test
    void timestampedToleranceZeroTurnsTheTimeCheckOff() {
        auth("timestamped", "ECHO_SECRET");
        keys.put(P + "signature-header", "Stripe-Signature");
        keys.put(P + "tolerance", "0");
        long yesterday = now() - 86_400;

        Verification v = build().verify(request().header("Stripe-Signature",
                "t=" + yesterday + ",v1=" + Hmac.timestamped("s3cret", yesterday, BODY)).build(), BODY);

        assertThat(v.isOk()).isTrue();
    }

    @Test
    void timestampedNegativeToleranceNamesTheKey() {
        auth("timestamped", "ECHO_SECRET");
        keys.put(P + "signature-header", "Stripe-Signature");
        keys.put(P + "tolerance", "-1");

        assertThatThrownBy(this::build).isInstanceOf(ConfigException.class)
                .hasMessage(P + "tolerance must be a whole number of seconds, 0 or more (0 turns the time check"
                        + " off), got '-1'");
    }

    @Test
    void timestampedNeedsTheSignatureHeader() {
        auth("timestamped", "ECHO_SECRET");

        assertThatThrownBy(this::build).hasMessageStartingWith(P + "signature-header is required");
    }

    @Test
    void timestampedSchemeTIsRefusedNamingTheKey() {
        auth("timestamped", "ECHO_SECRET");
        keys.put(P + "signature-header", "Stripe-Signature");
        keys.put(P + "scheme", "t");

        assertThatThrownBy(this::build).hasMessageStartingWith(P + "scheme=t: ");
    }

    @Test
    void toleranceDoesNotApplyToPlainHmac() {
        auth("hmac-sha256-hex", "ECHO_SECRET");
        keys.put(P + "tolerance", "300");

        assertThatThrownBy(this::build).hasMessage(P + "tolerance does not apply to " + P + "auth=hmac-sha256-hex");
    }

    @Test
    void signaturePrefixDoesNotApplyToTimestamped() {
        auth("timestamped", "ECHO_SECRET");
        keys.put(P + "signature-header", "Stripe-Signature");
        keys.put(P + "signature-prefix", "sha256=");

        assertThatThrownBy(this::build).hasMessage(P + "signature-prefix does not apply to " + P + "auth=timestamped");
    }

    @Test
    void descriptionOfEveryConfiguredSchemeHoldsNoSecret() {
        for (String scheme : new String[] {"mecash", "mecash-sha256", "zbd-signature", "hmac-sha512-hex"}) {
            keys.clear();
            auth(scheme, "ECHO_SECRET");
            keys.put(P + "allowed-ips", "10.0.0.0/8");
            assertThat(build().toString()).as(scheme).contains("IpAllowlist").doesNotContain("s3cret");
        }
        keys.clear();
        auth("standard-webhooks", "SW_SECRET");
        assertThat(build().toString()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }
}
