package dev.ramphook.internal.text;

/**
 * The one rule for which header names carry a credential, shared by the engine's kept headers, the console and
 * {@code dev.ramphook.Masking} (here, below all of them, so that none of them imports another for it).
 */
public final class CredentialHeaders {

    /** Any of these anywhere in the name (case-insensitive): {@code X-Webhook-Key}, {@code X-Zbd-Auth-Code}. */
    private static final String[] CREDENTIAL_WORDS = {"key", "auth", "token", "secret", "signature", "password",
            "cookie", "session"};

    private CredentialHeaders() {
    }

    /**
     * True for a header whose name says it carries a credential: it contains {@code key}, {@code auth},
     * {@code token}, {@code secret}, {@code signature}, {@code password}, {@code cookie} or {@code session}. Such
     * headers are never stored, never handed to a handler after verification, and never shown.
     */
    public static boolean isCredential(String name) {
        // One pass over the name: a word is compared only where its first letter stands (most positions match
        // none), case-insensitively in place, with no lower-cased copy per header.
        for (int i = 0, length = name.length(); i < length; i++) {
            char c = Character.toLowerCase(name.charAt(i));
            if (c == 'k' || c == 'a' || c == 't' || c == 's' || c == 'p' || c == 'c') {
                for (String word : CREDENTIAL_WORDS) { // an array: no iterator per position
                    if (word.charAt(0) == c && name.regionMatches(true, i, word, 0, word.length())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
