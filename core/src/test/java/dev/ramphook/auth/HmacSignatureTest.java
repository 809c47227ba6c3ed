package dev.ramphook.auth;

import static dev.ramphook.auth.SignatureFixtures.base64;
import static dev.ramphook.auth.SignatureFixtures.hex;
import static dev.ramphook.auth.SignatureFixtures.hmac;
import static dev.ramphook.auth.SignatureFixtures.post;
import static dev.ramphook.auth.SignatureFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.Verification;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.zbd.ZbdRamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HmacSignatureTest {

    // GitHub's published example (docs "Validating webhook deliveries"): secret and body below.
    private static final String GITHUB_SECRET = "mysecret";
    private static final String GITHUB_BODY = "{\"foo\":\"bar\"}";
    private static final String GITHUB_SIGNATURE =
            "sha256=4864d2759938a15468b5df9ade20bf161da9b4f737ea61794142f3484236bda3";

    private static final String BODY = "{\"event\":\"ramp.payout.completed\",\"data\":{\"amount\":100.5}}";
    private static final String SECRET = "mecash-endpoint-secret";

    @Test
    void githubVectorIsReproducedIndependently() {
        assertThat("sha256=" + hex(hmac("HmacSHA256", utf8(GITHUB_SECRET), GITHUB_BODY))).isEqualTo(GITHUB_SIGNATURE);
    }

    @Test
    void acceptsGithubStyleSha256WithPrefix() {
        HmacSignature check = HmacSignature.sha256Hex("X-Hub-Signature-256", GITHUB_SECRET).prefix("sha256=");

        assertThat(check.verify(post("X-Hub-Signature-256", GITHUB_SIGNATURE), utf8(GITHUB_BODY)).isOk()).isTrue();
    }

    @Test
    void meCashDefaultIsSha512HexInXSignature() {
        String signature = hex(hmac("HmacSHA512", utf8(SECRET), BODY));

        assertThat(MeCash.signature(SECRET).verify(post("X-Signature", signature), utf8(BODY)).isOk()).isTrue();
    }

    @Test
    void meCashSha256VariantNeedsItsPrefix() {
        String hex = hex(hmac("HmacSHA256", utf8(SECRET), BODY));
        HmacSignature check = MeCash.sha256Signature(SECRET);

        assertThat(check.verify(post("X-meCash-Signature", "sha256=" + hex), utf8(BODY)).isOk()).isTrue();
        assertThat(check.verify(post("X-meCash-Signature", hex), utf8(BODY)).reason())
                .hasValue("signature header X-meCash-Signature lacks prefix sha256= or is malformed");
    }

    @Test
    void zbdAcceptsHexWithOrWithoutSha256Prefix() {
        String hex = hex(hmac("HmacSHA256", utf8(SECRET), BODY));
        HmacSignature check = ZbdRamp.signature(SECRET);

        assertThat(check.verify(post("X-ZBD-Signature", hex), utf8(BODY)).isOk()).isTrue();
        assertThat(check.verify(post("X-ZBD-Signature", "sha256=" + hex), utf8(BODY)).isOk()).isTrue();
    }

    @Test
    void upperCaseHexIsAccepted() {
        String signature = hex(hmac("HmacSHA512", utf8(SECRET), BODY)).toUpperCase(Locale.ROOT);

        assertThat(MeCash.signature(SECRET).verify(post("X-Signature", signature), utf8(BODY)).isOk()).isTrue();
    }

    @Test
    void base64IsAcceptedWhenConfigured() {
        String signature = base64(hmac("HmacSHA256", utf8(SECRET), BODY));
        HmacSignature check = HmacSignature.sha256Base64("X-Signature", SECRET);

        assertThat(check.verify(post("X-Signature", signature), utf8(BODY)).isOk()).isTrue();
    }

    @Test
    void anyRotatedSecretMayHaveSigned() {
        String byOld = hex(hmac("HmacSHA512", utf8("old-secret"), BODY));

        assertThat(MeCash.signature("new-secret", "old-secret").verify(post("X-Signature", byOld), utf8(BODY))
                .isOk()).isTrue();
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() {
        String good = hex(hmac("HmacSHA512", utf8(SECRET), BODY));
        String bad = hex(hmac("HmacSHA512", utf8("other"), BODY));

        assertThat(MeCash.signature(SECRET).verify(post("X-Signature", bad + ", " + good), utf8(BODY)).isOk())
                .isTrue();
        assertThat(MeCash.signature(SECRET).verify(post("X-Signature", bad + " " + good), utf8(BODY)).isOk())
                .isTrue();
    }

    @Test
    void signatureOfAnotherBodyIsRejected() {
        String signature = hex(hmac("HmacSHA512", utf8(SECRET), BODY + " "));

        assertThat(MeCash.signature(SECRET).verify(post("X-Signature", signature), utf8(BODY)).reason())
                .hasValue("no matching signature");
    }

    @Test
    void sha256SignatureDoesNotSatisfySha512Check() {
        String signature = hex(hmac("HmacSHA256", utf8(SECRET), BODY));

        assertThat(MeCash.signature(SECRET).verify(post("X-Signature", signature), utf8(BODY)).status())
                .isEqualTo(401);
    }

    @Test
    void missingHeaderIsNamed() {
        Verification v = MeCash.signature(SECRET).verify(post(), utf8(BODY));

        assertThat(v.status()).isEqualTo(401);
        assertThat(v.reason()).hasValue("missing signature header X-Signature");
    }

    @Test
    void blankHeaderCountsAsMissing() {
        assertThat(MeCash.signature(SECRET).verify(post("X-Signature", " , "), utf8(BODY)).reason())
                .hasValue("missing signature header X-Signature");
    }

    @Test
    void nonHexSignatureIsMalformed() {
        assertThat(MeCash.signature(SECRET).verify(post("X-Signature", "zz-not-hex"), utf8(BODY)).reason())
                .hasValue("malformed signature in X-Signature");
    }

    @Test
    void rejectionNeverEchoesTheExpectedSignature() {
        String expected = hex(hmac("HmacSHA512", utf8(SECRET), BODY));

        Verification v = MeCash.signature(SECRET).verify(post("X-Signature", "00"), utf8(BODY));

        assertThat(v.reason().orElseThrow()).doesNotContain(expected).doesNotContain(SECRET);
        assertThat(v.toString()).doesNotContain(expected).doesNotContain(SECRET);
    }

    @Test
    void toStringNamesTheSchemeButNotTheSecret() {
        assertThat(MeCash.sha256Signature(SECRET).toString())
                .contains("HmacSHA256", "X-meCash-Signature", "sha256=")
                .doesNotContain(SECRET);
    }

    /**
     * One authenticator shared by eight threads (as a receiver shares it), two rotated secrets: every genuine
     * signature accepted, every forged one (a body one byte off, a signature one digit off) refused.
     */
    @Test
    void oneAuthenticatorVerifiesOnManyThreadsAtOnce() throws Exception {
        HmacSignature check = MeCash.signature("old-" + SECRET, SECRET);
        int bodies = 48;
        String[] body = new String[bodies];
        String[] signature = new String[bodies];
        for (int i = 0; i < bodies; i++) {
            body[i] = BODY.replace("100.5", i + "." + "5".repeat(i * 7));
            signature[i] = hex(hmac("HmacSHA512", utf8(i % 2 == 0 ? SECRET : "old-" + SECRET), body[i]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int n = 0; n < 3_000; n++) {
                        int i = (n * 5 + offset) % bodies;
                        String forged = (signature[i].charAt(0) == '0' ? "1" : "0") + signature[i].substring(1);
                        wrong += check.verify(post("X-Signature", signature[i]), utf8(body[i])).isOk() ? 0 : 1;
                        wrong += check.verify(post("X-Signature", signature[i]), utf8(body[i] + " ")).isOk() ? 1 : 0;
                        wrong += check.verify(post("X-Signature", forged), utf8(body[i])).isOk() ? 1 : 0;
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(2, TimeUnit.MINUTES)).as("wrong answers on one thread").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void blankHeaderNameOrNoSecretIsAConfigurationError() {
        assertThatThrownBy(() -> HmacSignature.sha256Hex(" ", SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZbdRamp.signature()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZbdRamp.signature("")).isInstanceOf(IllegalArgumentException.class);
    }
}
