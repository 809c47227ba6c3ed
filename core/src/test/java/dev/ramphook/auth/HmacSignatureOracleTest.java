package dev.ramphook.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.Verification;
import dev.ramphook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * {@link HmacSignature#verify} gives the answers of the implementation it replaced (kept below as the oracle:
 * split the header into substrings, strip the prefix, decode each with {@code HexFormat} or {@code Base64}, compare
 * every secret's MAC with every decoded signature), on random and malformed headers: the same accept or refuse, the
 * same status and the same reason, for every encoding, prefix mode and rotation of secrets.
 */
class HmacSignatureOracleTest {

    private static final String HEADER = "X-Signature";
    private static final String[] SECRETS = {"first-secret", "second-secret", "third-secret"};
    private static final String[] PREFIXES = {"sha256=", "SHA256=", "sha256", "sha512=", "v1,", ""};
    private static final String[] SEPARATORS = {",", ", ", " ", "\t", ",,", " ,\t", ";", ""};
    private static final String[] ODD = {"g", "G", "z", "é", "\uff10", "\u0663", "-", "_", "=", "+", "/", " ", "\u00a0", "\u00e1", "\u00b0", "\u00c6", "\ud83d\ude00"};
    private static final byte[][] BODIES = {
        "{\"event\":\"ramp.payout.completed\",\"data\":{\"id\":\"p-1\"}}".getBytes(StandardCharsets.UTF_8),
        new byte[0],
        "{\"a\":\"\u00e9\u20ac\"}\n".getBytes(StandardCharsets.UTF_8),
    };

    private final Map<String, Mac> macs = new HashMap<>();

    @Test
    void answersAsTheOldImplementationOnRandomHeaders() {
        Random random = new Random(2026120618);
        int accepted = 0;
        int noMatch = 0;
        int malformed = 0;
        for (int run = 0; run < 60_000; run++) {
            Config config = Config.random(random);
            byte[] body = BODIES[random.nextInt(BODIES.length)];
            List<String> values = new ArrayList<>();
            for (int v = random.nextInt(4); v > 0; v--) {
                values.add(randomValue(random, config, body));
            }
            WebhookRequest.Builder request = WebhookRequest.builder().path("/webhooks/test");
            String name = random.nextInt(8) == 0 ? HEADER.toLowerCase(Locale.ROOT) : HEADER;
            for (String value : values) {
                request.header(name, value);
            }
            WebhookRequest built = request.build();

            Verification actual = config.check().verify(built, body);
            Verification expected = oldVerify(config, built, body);

            assertThat(actual.isOk()).as("accepted, %s, %s", config, values).isEqualTo(expected.isOk());
            assertThat(actual.status()).as("status, %s, %s", config, values).isEqualTo(expected.status());
            assertThat(actual.reason()).as("reason, %s, %s", config, values).isEqualTo(expected.reason());
            if (expected.isOk()) {
                accepted++;
            } else if (expected.reason().orElse("").equals("no matching signature")) {
                noMatch++;
            } else {
                malformed++;
            }
        }
        // The random headers reach every answer often, so the comparison above covers each of them.
        assertThat(accepted).as("accepted").isGreaterThan(5_000);
        assertThat(noMatch).as("no matching signature").isGreaterThan(5_000);
        assertThat(malformed).as("missing or malformed").isGreaterThan(5_000);
    }

    /**
     * Every character a sender could put at any place of a genuine hex signature: each one of U+0000 to U+02FF
     * (ASCII's neighbours of the hex digits, Latin-1 characters whose low seven bits are a hex digit, characters whose
     * low byte is one) and a few beyond (fullwidth and Arabic-Indic digits, a surrogate pair), at every position of an
     * HMAC-SHA256 and an HMAC-SHA512 signature (each place of its first 18 characters and its last 9) in lower and upper case, with and without a required prefix, alone
     * or after another item: the same answer as the old decoder's for each.
     */
    @Test
    void answersAsTheOldImplementationForEveryCharacterAtEveryPlace() {
        List<String> odd = new ArrayList<>();
        for (char c = 0; c < 0x300; c++) {
            odd.add(String.valueOf(c));
        }
        odd.addAll(List.of("\uff10", "\uff41", "\u0663", "\u0130", "\u0161", "\u0966", "\ud83d\ude00", "\ud835\udfce",
                "\ud800", "\udc30"));
        byte[] body = BODIES[0];
        int[] answers = new int[3];
        for (String jca : List.of("HmacSHA256", "HmacSHA512")) {
            for (boolean upper : new boolean[] {false, true}) {
                for (int shape = 0; shape < 3; shape++) {
                    String[] secrets = {SECRETS[1]};
                    HmacSignature check = jca.equals("HmacSHA256") ? HmacSignature.sha256Hex(HEADER, secrets)
                            : HmacSignature.sha512Hex(HEADER, secrets);
                    String prefix = shape == 1 ? "sha256=" : "";
                    if (shape == 1) {
                        check = check.prefix(prefix);
                    }
                    Config config = new Config(jca, true, prefix, shape == 1, secrets, check);
                    String genuine = HexFormat.of().formatHex(mac(jca, secrets[0], body));
                    if (upper) {
                        genuine = genuine.toUpperCase(Locale.ROOT);
                    }
                    for (int at = 0; at < genuine.length(); at++) {
                        if (at >= 18 && at < genuine.length() - 9) {
                            continue; // every byte of the first two words of eight characters, and the end
                        }
                        for (String c : odd) {
                            String value = prefix + genuine.substring(0, at) + c + genuine.substring(at + 1);
                            if (shape == 2) {
                                value = "00ff, " + value;
                            }
                            WebhookRequest request = WebhookRequest.builder().path("/webhooks/test")
                                    .header(HEADER, value).build();
                            Verification actual = check.verify(request, body);
                            Verification expected = oldVerify(config, request, body);
                            assertThat(actual.isOk()).as("accepted, %s, %s", config, value).isEqualTo(expected.isOk());
                            assertThat(actual.reason()).as("reason, %s, %s", config, value)
                                    .isEqualTo(expected.reason());
                            answers[expected.isOk() ? 0 : expected.reason().orElse("").startsWith("no") ? 1 : 2]++;
                        }
                    }
                }
            }
        }
        assertThat(answers[0]).as("accepted").isGreaterThan(200); // each answer is reached, so each is compared
        assertThat(answers[1]).as("no matching signature").isGreaterThan(200);
        assertThat(answers[2]).as("malformed").isGreaterThan(200);
    }

    /** One header value: tokens (good, wrong, damaged signatures, noise) joined by random separators. */
    private String randomValue(Random random, Config config, byte[] body) {
        StringBuilder value = new StringBuilder();
        int tokens = random.nextInt(10) == 0 ? 14 + random.nextInt(6) : random.nextInt(4);
        for (int t = 0; t < tokens; t++) {
            if (t > 0 || random.nextBoolean()) {
                value.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
            }
            value.append(randomToken(random, config, body));
        }
        if (random.nextBoolean()) {
            value.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
        }
        return value.toString();
    }

    private String randomToken(Random random, Config config, byte[] body) {
        String secret = SECRETS[random.nextInt(SECRETS.length)];
        String jca = random.nextInt(5) == 0 ? (config.jca.equals("HmacSHA256") ? "HmacSHA512" : "HmacSHA256")
                : config.jca;
        byte[] mac = mac(jca, secret, random.nextInt(12) == 0 ? BODIES[random.nextInt(BODIES.length)] : body);
        String text = switch (random.nextInt(6)) {
            case 0, 1, 2 -> HexFormat.of().formatHex(mac);
            case 3 -> Base64.getEncoder().encodeToString(mac);
            case 4 -> Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
            default -> HexFormat.of().formatHex(randomBytes(random, random.nextInt(70)));
        };
        switch (random.nextInt(10)) {
            case 0 -> text = text.toUpperCase(Locale.ROOT);
            case 1 -> text = text.substring(0, Math.max(0, text.length() - 1 - random.nextInt(2)));
            case 2 -> {
                int at = text.isEmpty() ? 0 : random.nextInt(text.length());
                text = text.substring(0, at) + ODD[random.nextInt(ODD.length)]
                        + text.substring(Math.min(text.length(), at + 1));
            }
            case 3 -> {
                int at = text.isEmpty() ? 0 : random.nextInt(text.length());
                char c = text.isEmpty() ? 'a' : text.charAt(at);
                char other = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10) : c == 'a' ? 'b' : 'a';
                text = text.substring(0, at) + other + text.substring(Math.min(text.length(), at + 1));
            }
            case 4 -> text = "";
            default -> {
            }
        }
        return random.nextInt(3) == 0 ? text : PREFIXES[random.nextInt(PREFIXES.length)] + text;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] mac(String jca, String secret, byte[] body) {
        Mac mac = macs.computeIfAbsent(jca + "/" + secret, k -> {
            try {
                Mac m = Mac.getInstance(jca);
                m.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), jca));
                return m;
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        });
        return mac.doFinal(body);
    }

    /** One authenticator: algorithm, encoding, prefix mode and the secrets it accepts. */
    private record Config(String jca, boolean hex, String prefix, boolean prefixRequired, String[] secrets,
                          HmacSignature check) {

        static Config random(Random random) {
            String jca = random.nextBoolean() ? "HmacSHA256" : "HmacSHA512";
            boolean hex = random.nextInt(3) != 0;
            String[] secrets = switch (random.nextInt(4)) {
                case 0 -> new String[] {SECRETS[0]};
                case 1 -> new String[] {SECRETS[0], SECRETS[1]};
                case 2 -> new String[] {SECRETS[1], SECRETS[2]};
                default -> new String[] {SECRETS[2]};
            };
            HmacSignature check = jca.equals("HmacSHA256")
                    ? hex ? HmacSignature.sha256Hex(HEADER, secrets) : HmacSignature.sha256Base64(HEADER, secrets)
                    : hex ? HmacSignature.sha512Hex(HEADER, secrets) : HmacSignature.sha512Base64(HEADER, secrets);
            String prefix = "";
            boolean required = false;
            switch (random.nextInt(4)) {
                case 0 -> {
                    prefix = "sha256=";
                    required = true;
                    check = check.prefix(prefix);
                }
                case 1 -> {
                    prefix = "sha256=";
                    check = check.optionalPrefix(prefix);
                }
                case 2 -> {
                    prefix = "v1,";
                    required = true;
                    check = check.prefix(prefix);
                }
                default -> {
                }
            }
            return new Config(jca, hex, prefix, required, secrets, check);
        }

        @Override
        public String toString() {
            return jca + (hex ? " hex" : " base64") + ", prefix '" + prefix + "'" + (prefixRequired ? " required" : "")
                    + ", " + secrets.length + " secret(s) from " + secrets[0];
        }
    }

    // ---- The oracle: HmacSignature.verify as it was until 2026-12-06 (split, strip, decode, compare) ----

    private Verification oldVerify(Config config, WebhookRequest request, byte[] body) {
        List<String> candidates = oldSplit(request.headers(HEADER), HmacSignature.MAX_SIGNATURES);
        if (candidates.isEmpty()) {
            return Verification.unauthorized("missing signature header " + HEADER);
        }
        List<byte[]> given = new ArrayList<>();
        for (String candidate : candidates) {
            String text = oldStripPrefix(config, candidate);
            byte[] decoded = text == null ? null : config.hex ? oldDecodeHex(text) : oldDecodeBase64(text);
            if (decoded != null) {
                given.add(decoded);
            }
        }
        boolean match = false;
        for (String secret : config.secrets) {
            byte[] expected = mac(config.jca, secret, body);
            for (byte[] g : given) {
                match |= MessageDigest.isEqual(expected, g);
            }
        }
        if (match) {
            return Verification.ok();
        }
        return Verification.unauthorized(!given.isEmpty() ? "no matching signature"
                : config.prefixRequired ? "signature header " + HEADER + " lacks prefix " + config.prefix
                        + " or is malformed"
                : "malformed signature in " + HEADER);
    }

    private static String oldStripPrefix(Config config, String candidate) {
        if (config.prefix.isEmpty()) {
            return candidate;
        }
        if (candidate.regionMatches(true, 0, config.prefix, 0, config.prefix.length())) {
            return candidate.substring(config.prefix.length());
        }
        return config.prefixRequired ? null : candidate;
    }

    private static byte[] oldDecodeHex(String text) {
        if (text.isEmpty() || text.length() % 2 != 0) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static byte[] oldDecodeBase64(String text) {
        if (text.isEmpty()) {
            return null;
        }
        boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        try {
            byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
            return urlSafe ? Base64.getUrlDecoder().decode(ascii) : Base64.getDecoder().decode(ascii);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** The character-by-character split (as in {@code SignatureListTest}): commas, spaces and tabs. */
    private static List<String> oldSplit(List<String> headerValues, int max) {
        List<String> out = new ArrayList<>(2);
        for (String value : headerValues) {
            int start = -1;
            for (int i = 0; i <= value.length() && out.size() < max; i++) {
                boolean separator = i == value.length() || ", \t".indexOf(value.charAt(i)) >= 0;
                if (separator && start >= 0) {
                    out.add(value.substring(start, i));
                    start = -1;
                } else if (!separator && start < 0) {
                    start = i;
                }
            }
        }
        return out;
    }
}
