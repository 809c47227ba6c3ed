package dev.ramphook.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.Verification;
import dev.ramphook.WebhookRequest;
import dev.ramphook.internal.crypto.ConstantTime;
import dev.ramphook.testing.C1Measure;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * {@link UrlToken}'s query check, which reads the token where it stands in the query when it needs no decoding, gives
 * the answers of the check it replaced (kept below as the oracle: {@code queryParameter}, the token's UTF-8 bytes,
 * {@code ConstantTime.anyEqual}) on random queries: escaped and plain names and values, {@code +}, non-ASCII
 * characters, repeated and empty parameters, pairs without {@code =}, tokens that are a prefix or an extension of a
 * secret, several secrets. And what the check allocates: nothing for a plain token (a C1-only JVM, as
 * {@code HmacSignatureAllocationTest} counts).
 */
class UrlTokenOracleTest {

    private static final String[] SECRETS = {"zbd-token-6f1c2a9e4b7d", "a b/c", "t\u00e9st+1", "caf\u00e9", "x"};
    private static final String[] NAMES = {"token", "token", "tok", "Token", "tok%65n", "t+oken", "key", "k%20", ""};

    @Test
    void answersAsTheOldCheckOnRandomQueries() {
        Random random = new Random(2026120700);
        int[] answers = new int[3];
        for (int run = 0; run < 60_000; run++) {
            String parameter = random.nextInt(4) == 0 ? "key" : "token";
            String[] secrets = random.nextBoolean() ? new String[] {SECRETS[random.nextInt(SECRETS.length)]}
                    : new String[] {SECRETS[random.nextInt(SECRETS.length)], SECRETS[random.nextInt(SECRETS.length)]};
            UrlToken check = parameter.equals("token") ? UrlToken.of(secrets) : UrlToken.query(parameter, secrets);
            String query = random.nextInt(40) == 0 ? null : query(random, secrets);
            WebhookRequest request = WebhookRequest.builder().path("/webhooks/zbd").query(query).build();

            Verification actual = check.verify(request, null);
            Verification expected = oldVerify(parameter, secrets, request);

            assertThat(actual.isOk()).as("accepted, %s", query).isEqualTo(expected.isOk());
            assertThat(actual.status()).as("status, %s", query).isEqualTo(expected.status());
            assertThat(actual.reason()).as("reason, %s", query).isEqualTo(expected.reason());
            assertThat(check.checkBeforeBody(request).isOk()).as("before the body, %s", query)
                    .isEqualTo(expected.isOk());
            answers[expected.isOk() ? 0 : expected.reason().orElse("").startsWith("missing") ? 1 : 2]++;
        }
        assertThat(answers[0]).as("accepted").isGreaterThan(5_000); // each answer is reached, so each is compared
        assertThat(answers[1]).as("missing").isGreaterThan(5_000);
        assertThat(answers[2]).as("wrong").isGreaterThan(5_000);
    }

    private static String query(Random random, String[] secrets) {
        List<String> pairs = new ArrayList<>();
        for (int p = random.nextInt(4); p >= 0; p--) {
            String name = random.nextInt(3) == 0 ? "x" + random.nextInt(3) : NAMES[random.nextInt(NAMES.length)];
            String secret = secrets[random.nextInt(secrets.length)];
            String value = switch (random.nextInt(9)) {
                case 0, 1, 2 -> secret;
                case 3 -> secret.substring(0, random.nextInt(secret.length() + 1));
                case 4 -> secret + (char) ('a' + random.nextInt(3));
                case 5 -> java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8);
                case 6 -> secret.replace('-', '+').replace(' ', '+');
                case 7 -> "";
                default -> SECRETS[random.nextInt(SECRETS.length)];
            };
            pairs.add(random.nextInt(12) == 0 ? name : name + "=" + value);
        }
        String query = String.join("&", pairs);
        return random.nextInt(10) == 0 ? query + "&" : query;
    }

    // ---- The oracle: UrlToken's query check as it was until 2026-12-07 ----

    private static Verification oldVerify(String parameter, String[] secrets, WebhookRequest request) {
        Optional<String> token = request.queryParameter(parameter);
        if (token.isEmpty() || token.get().isEmpty()) {
            return Verification.unauthorized("missing URL token");
        }
        List<byte[]> bytes = new ArrayList<>();
        for (String secret : secrets) {
            bytes.add(secret.getBytes(StandardCharsets.UTF_8));
        }
        return ConstantTime.anyEqual(bytes, token.get().getBytes(StandardCharsets.UTF_8)) ? Verification.ok()
                : Verification.unauthorized("wrong URL token");
    }

    // ---- What a plain token's check allocates ----

    /** A token that needs no decoding is compared where it stands in the query: 152 B per check before (C2). */
    static final long BUDGET = 24;

    @Test
    void aPlainTokenIsCheckedWithoutCopies() throws Exception {
        Matcher result = C1Measure.run(UrlTokenOracleTest.class, "256m", 2, "^url token allocation: (\\d+) B per check$");
        assertThat(Long.parseLong(result.group(1))).as("bytes allocated per URL token check")
                .isLessThanOrEqualTo(BUDGET);
    }

    /**
     * The measure, in the JVM the test starts: prints one line.
     *
     * @param args none
     */
    public static void main(String[] args) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String token = "zbd-allocation-token-3f9a1c7e5b2d8a6f";
        UrlToken check = UrlToken.of(token);
        WebhookRequest[] requests = new WebhookRequest[1_000];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = WebhookRequest.builder().path("/webhooks/zbd").query("source=zbd&token=" + token).build();
        }
        long least = Long.MAX_VALUE;
        for (int pass = 0; pass < 20; pass++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (WebhookRequest request : requests) {
                if (!check.checkBeforeBody(request).isOk()) {
                    throw new IllegalStateException("a genuine token was refused");
                }
            }
            long used = threads.getCurrentThreadAllocatedBytes() - before;
            if (pass >= 10) {
                least = Math.min(least, used / requests.length);
            }
        }
        System.out.println("url token allocation: " + least + " B per check");
    }
}
