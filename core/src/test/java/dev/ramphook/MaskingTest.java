package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.internal.json.Json;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one masking rule: every rule on its own, at any depth, and what stays shown. */
class MaskingTest {

    private static JsonNode masked(String json) throws Exception {
        return Masking.json(Json.MAPPER.readTree(json));
    }

    @Test
    void membersNamedLikeACredentialAreMaskedAtAnyDepthOthersKept() throws Exception {
        JsonNode body = Json.MAPPER.readTree("{\"a\":[{\"b\":{\"clientSecret\":\"s1\",\"X-Signature\":\"s2\","
                + "\"apiKey\":\"s3\",\"password\":7,\"token\":null,\"access_token_id\":\"kept\","
                + "\"account_number\":\"12345678\",\"amount\":1.10}}]}");

        String shown = Masking.json(body).toString();

        assertThat(shown).isEqualTo("{\"a\":[{\"b\":{\"clientSecret\":\"***\",\"X-Signature\":\"***\","
                + "\"apiKey\":\"***\",\"password\":\"***\",\"token\":null,\"access_token_id\":\"kept\","
                + "\"account_number\":\"****5678\",\"amount\":1.10}}]}");
        assertThat(body.toString()).contains("s1").contains("12345678");
    }

    @Test
    void everyCredentialMemberNameIsMaskedWhateverItsCaseAndSeparators() throws Exception {
        String[] names = {"token", "refresh_token", "webhookSecret", "PASSWORD", "x-signature", "apiKey", "x-api-key",
            "X_API_KEY", "privateKey", "private_key", "signing_key", "secret_key", "seed_phrase", "seedPhrase",
            "mnemonic", "pin", "PIN", "cvv", "CVC", "wallet-passphrase"};
        for (String name : names) {
            JsonNode shown = masked("{\"outer\":{\"list\":[{\"" + name + "\":\"v4lu3\"}]}}");
            assertThat(shown.toString()).as(name).doesNotContain("v4lu3").contains("\"" + name + "\":\"***\"");
        }
        assertThat(masked("{\"pin\":1234,\"cvv\":123}").toString()).isEqualTo("{\"pin\":\"***\",\"cvv\":\"***\"}");
        for (String kept : new String[] {"pinned", "key", "keyId", "session_id", "token_id", "spinner", "mnemonics_url"}) {
            assertThat(masked("{\"" + kept + "\":\"v\"}").toString()).as(kept).isEqualTo("{\"" + kept + "\":\"v\"}");
        }
    }

    @Test
    void luhnValidCardNumbersAreMaskedToTheirLastFourInStringsAndNumbers() throws Exception {
        assertThat(masked("{\"c\":\"4111111111111111\",\"d\":\"card 5500 0000 0000 0004 used\","
                + "\"e\":\"3782-822463-10005\",\"n\":4012888888881881}").toString()).isEqualTo(
                "{\"c\":\"****1111\",\"d\":\"card ****0004 used\",\"e\":\"****0005\",\"n\":\"****1881\"}");
        // Not a card: not Luhn-valid, too short or long, or starting with 1 (millisecond timestamps), 0, 7-9.
        String kept = "{\"a\":\"4111111111111112\",\"b\":\"411111111111\",\"c\":1736937000000,"
                + "\"d\":\"41111111111111111111\",\"e\":\"tx-2025-01-15\",\"f\":\"1000000000000009\"}";
        assertThat(masked(kept).toString()).isEqualTo(kept);
    }

    /**
     * The rule sees digits, not meaning: a random UUID whose dashes join a Luhn-valid run of 14 digits starting with 2
     * is shown with that run as a card. This one made the Jetty example's token-masking test miss its own session id
     * on the {@code /events} page once in a few hundred runs; tests now draw their ids with
     * {@code Seeds.unmaskedUuid()}.
     */
    @Test
    void aUuidWhoseDigitsJoinIntoALuhnValidRunIsShownWithThatRunAsACard() {
        assertThat(Masking.text("sess_b05be209-8390-4691-949d-43d9b3a924af"))
                .isEqualTo("sess_b05be****1949d-43d9b3a924af");
        assertThat(Masking.text("sess_b05be209-8390-4691-948d-43d9b3a924af")) // one digit changed: not Luhn-valid
                .isEqualTo("sess_b05be209-8390-4691-948d-43d9b3a924af");
    }

    @Test
    void urlParametersNamedLikeACredentialAreMaskedInAnyText() throws Exception {
        assertThat(Masking.text("see https://x.example/a?sig=abc&page=2&X-Amz-Signature=def;key=ghi"))
                .isEqualTo("see https://x.example/a?sig=***&page=2&X-Amz-Signature=***;key=***");
        for (String name : new String[] {"token", "code", "sig", "signature", "access_token", "refresh_token", "key",
            "apikey", "api_key", "secret", "password"}) {
            assertThat(Masking.text("https://h.example/cb?state=s&" + name + "=V4lu3#x")).as(name)
                    .isEqualTo("https://h.example/cb?state=s&" + name + "=***#x");
        }
        assertThat(masked("{\"d\":{\"url\":\"https://p.example/webhooks/zbd?token=T0k\"}}").toString())
                .isEqualTo("{\"d\":{\"url\":\"https://p.example/webhooks/zbd?token=***\"}}");
        assertThat(Masking.text("no parameters here")).isEqualTo("no parameters here");
        assertThat(Masking.text("https://x.example/?token=")).isEqualTo("https://x.example/?token=");
        assertThat(Masking.text("login failed: password=hunter2 (status code=500)"))
                .isEqualTo("login failed: password=*** (status code=500)");
    }

    @Test
    void authorizationCredentialsAndQuotedMembersInTextAreMasked() {
        assertThat(Masking.text("401 for Authorization: Bearer eyJhbGciOi.x.y")).isEqualTo(
                "401 for Authorization: Bearer ***");
        assertThat(Masking.text("bad body {\"secret_key\": \"sk_1\", \"pin\": 1234, \"amount\": 5}")).isEqualTo(
                "bad body {\"secret_key\": \"***\", \"pin\": \"***\", \"amount\": 5}");
        assertThat(Masking.text(null)).isNull();
    }

    @Test
    void headersNamedLikeACredentialAreMaskedWholeOthersHaveTheirUrlCredentialsMasked() {
        for (String name : new String[] {"Authorization", "X-Webhook-Key", "X-Auth", "Api_Key", "X-Zbd-Auth-Code",
            "Cookie", "X-Session", "Moonpay-Signature-V2", "X-Access-Token", "X-Client-Secret", "X-Password"}) {
            assertThat(Masking.header(name, "v4lu3")).as(name).isEqualTo("***");
        }
        for (String name : new String[] {"Referer", "X-Original-URL", "X-Forwarded-Uri"}) {
            assertThat(Masking.header(name, "https://r.example/webhooks/zbd?token=T0k")).as(name)
                    .isEqualTo("https://r.example/webhooks/zbd?token=***");
        }
        assertThat(Masking.header("Content-Type", "application/json; charset=utf-8"))
                .isEqualTo("application/json; charset=utf-8");
        assertThat(Masking.header("Webhook-Timestamp", "1736937000")).isEqualTo("1736937000");
        assertThat(Masking.header("X-Request-Id", "4111111111111111")).as("ids are not cards")
                .isEqualTo("4111111111111111");
        assertThat(Masking.header("Via", "1.1 proxy (Bearer abcdefgh123)")).isEqualTo("1.1 proxy (Bearer ***)");
    }

    /**
     * The card rule on random texts of digits, spaces, dashes and letters answers what the regex-only rule of
     * 2026-12-06 (kept below as the oracle) answered: the digit count that skips texts too short for a card must
     * skip nothing the rule would have masked.
     */
    @Test
    void cardsInRandomTextsAreMaskedAsTheRegexOnlyRuleMaskedThem() {
        Random random = new Random(21);
        String alphabet = "0123456789012345678923456 --x.";
        int masked = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (n % 3 == 0) { // a Luhn-valid number in it, sometimes with separators
                text.insert(random.nextInt(text.length() + 1), n % 2 == 0 ? "4111 1111-1111 1111" : "4242424242424242");
            }
            String expected = oldCards(text.toString());
            assertThat(Masking.text(text.toString())).as(text.toString()).isEqualTo(expected);
            masked += expected.equals(text.toString()) ? 0 : 1;
        }
        assertThat(masked).isGreaterThan(10_000); // the rule had work to do
    }

    /** Text with too few digits for a card costs no matcher (most of a body's strings: ids, names, statuses). */
    @Test
    void textWithTooFewDigitsForACardAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        String text = "Payment 4411 of 156000 msats, order 8b1e9d6c-4a8f";
        for (int i = 0; i < 50_000; i++) {
            Masking.text(text);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        int same = 0;
        for (int i = 0; i < 10_000; i++) {
            same += Masking.text(text) == text ? 1 : 0;
        }
        long perCall = (threads.getCurrentThreadAllocatedBytes() - before) / 10_000;
        assertThat(same).isEqualTo(10_000);
        assertThat(perCall).isLessThan(16);
    }

    private static final Pattern OLD_CARD = Pattern.compile("(?<![0-9])[2-6](?:[ -]?[0-9]){12,18}(?![0-9])");

    private static String oldCards(String text) {
        Matcher m = OLD_CARD.matcher(text);
        StringBuilder b = null;
        while (m.find()) {
            String digits = m.group().replace(" ", "").replace("-", "");
            if (oldLuhn(digits)) {
                if (b == null) {
                    b = new StringBuilder(text.length());
                }
                m.appendReplacement(b, "****" + digits.substring(digits.length() - 4));
            }
        }
        return b == null ? text : m.appendTail(b).toString();
    }

    private static boolean oldLuhn(String digits) {
        if (digits.length() < 13 || digits.length() > 19 || digits.charAt(0) < '2' || digits.charAt(0) > '6') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
