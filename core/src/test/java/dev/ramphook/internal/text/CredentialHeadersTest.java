package dev.ramphook.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@link CredentialHeaders#isCredential} against the rule it implements, spelled the slow way: the name, lower-cased by
 * Unicode rules, contains one of the credential words (or {@code regionMatches} ignoring case finds one, which also
 * folds the long s and the Kelvin sign). The ASCII fast path must answer the same for every name.
 */
class CredentialHeadersTest {

    private static final String[] WORDS = {"key", "auth", "token", "secret", "signature", "password", "cookie",
            "session"};

    @Test
    void credentialNamesInAnyCaseAndPlaceAreCredentials() {
        assertThat(List.of("X-Webhook-Key", "x-zbd-auth-code", "Authorization", "X-TOKEN", "Cookie", "Set-Cookie",
                "X-Signature", "webhook-signature", "X-Api-Secret", "X-Password", "Sessionid", "aPiKeY", "key",
                "X-Long-\u017Fecret", "X-Webhook-\u212Aey", "X-\u00e9-Token", "token\u00e9"))
                .allSatisfy(name -> assertThat(CredentialHeaders.isCredential(name)).as(name).isTrue());
    }

    @Test
    void ordinaryNamesAreKept() {
        assertThat(List.of("Host", "User-Agent", "Content-Type", "Content-Length", "X-Request-Id", "Accept",
                "X-Forwarded-For", "Ke", "ke-y", "Toke", "X-\u00e9t\u00e9", "", "Content-Encoding", "Traceparent"))
                .allSatisfy(name -> assertThat(CredentialHeaders.isCredential(name)).as(name).isFalse());
    }

    @Test
    void agreesWithTheUnicodeRuleOnEveryVariantOfEveryWord() {
        List<String> names = new ArrayList<>();
        char[] odd = {'\u017F', '\u212A', '\u0130', '\u0131', '\u00e9', '\u0000', '-', '_', ' ', 'Z', '\u00ff'};
        for (String word : WORDS) {
            for (int mask = 0; mask < 1 << word.length(); mask++) { // every ASCII case of the word
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < word.length(); i++) {
                    char c = word.charAt(i);
                    b.append((mask & 1 << i) != 0 ? Character.toUpperCase(c) : c);
                }
                names.add("X-" + b);
                names.add(b + "-Id");
                names.add(b.substring(0, b.length() - 1)); // one letter short: not the word
            }
            for (int i = 0; i < word.length(); i++) { // one letter replaced: folds to the word or not
                for (char c : odd) {
                    names.add("X-" + word.substring(0, i) + c + word.substring(i + 1));
                }
            }
        }
        assertThat(names).allSatisfy(name -> assertThat(CredentialHeaders.isCredential(name)).as(name)
                .isEqualTo(unicodeRule(name)));
    }

    private static boolean unicodeRule(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : WORDS) {
            if (lower.contains(word)) {
                return true;
            }
            for (int i = 0; i < name.length(); i++) {
                if (name.regionMatches(true, i, word, 0, word.length())) {
                    return true;
                }
            }
        }
        return false;
    }
}
