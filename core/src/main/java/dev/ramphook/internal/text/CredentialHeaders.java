package dev.ramphook.internal.text;

/**
 * The one rule for which header names carry a credential, shared by the engine's kept headers, the console and
 * {@code dev.ramphook.Masking} (here, below all of them, so that none of them imports another for it).
 */
public final class CredentialHeaders {

    /** Any of these anywhere in the name (case-insensitive): {@code X-Webhook-Key}, {@code X-Zbd-Auth-Code}. */
    private static final String[] CREDENTIAL_WORDS = {"key", "auth", "token", "secret", "signature", "password",
            "cookie", "session"};
    // The same words by their first letter (a switch per position picks the list).
    private static final String[] K_WORDS = {"key"};
    private static final String[] A_WORDS = {"auth"};
    private static final String[] T_WORDS = {"token"};
    private static final String[] S_WORDS = {"secret", "signature", "session"};
    private static final String[] P_WORDS = {"password"};
    private static final String[] C_WORDS = {"cookie"};

    private CredentialHeaders() {
    }

    /**
     * True for a header whose name says it carries a credential: it contains {@code key}, {@code auth},
     * {@code token}, {@code secret}, {@code signature}, {@code password}, {@code cookie} or {@code session}. Such
     * headers are never stored, never handed to a handler after verification, and never shown.
     */
    public static boolean isCredential(String name) {
        // One pass over the name, ASCII case folded in place (c | 0x20): a word is compared only where its first
        // letter stands, with no lower-cased copy and no Character case tables per position. A name with any
        // non-ASCII character goes the Unicode way (regionMatches ignoring case also folds the long s and the
        // Kelvin sign to s and k), so both ways find the same words.
        for (int i = 0, length = name.length(); i < length; i++) {
            char c = name.charAt(i);
            if (c >= 0x80) {
                return isCredentialUnicode(name);
            }
            String[] words = switch (c | 0x20) {
                case 'k' -> K_WORDS;
                case 'a' -> A_WORDS;
                case 't' -> T_WORDS;
                case 's' -> S_WORDS;
                case 'p' -> P_WORDS;
                case 'c' -> C_WORDS;
                default -> null;
            };
            if (words != null) {
                for (String word : words) {
                    int match = asciiMatch(name, i, word);
                    if (match > 0) {
                        return true;
                    }
                    if (match < 0) {
                        return isCredentialUnicode(name);
                    }
                }
            }
        }
        return false;
    }

    /** 1 when {@code word} (lower-case ASCII) stands at {@code from} in any ASCII case, 0 when not, -1 on non-ASCII. */
    private static int asciiMatch(String name, int from, String word) {
        if (from + word.length() > name.length()) {
            return 0;
        }
        for (int j = 1; j < word.length(); j++) { // the first letter matched already
            char c = name.charAt(from + j);
            if (c >= 0x80) {
                return -1;
            }
            if ((c | 0x20) != word.charAt(j)) {
                return 0;
            }
        }
        return 1;
    }

    /** {@link #isCredential} for a name with non-ASCII characters, by Unicode case rules. */
    private static boolean isCredentialUnicode(String name) {
        for (int i = 0, length = name.length(); i < length; i++) {
            for (String word : CREDENTIAL_WORDS) {
                if (name.regionMatches(true, i, word, 0, word.length())) {
                    return true;
                }
            }
        }
        return false;
    }
}
