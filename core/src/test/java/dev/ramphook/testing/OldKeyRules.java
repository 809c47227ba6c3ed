package dev.ramphook.testing;

import dev.ramphook.internal.crypto.Sha256;
import dev.ramphook.provider.EventKeys;
import java.nio.charset.StandardCharsets;

/**
 * {@code EventKeys.bounded} as it was written until 2026-12-06 (a character loop over {@code isISOControl}), kept
 * as the oracle of the providers' key tests: their keys must stay what this answers.
 */
public final class OldKeyRules {

    private OldKeyRules() {
    }

    /**
     * The key itself when it is at most {@link EventKeys#MAX_KEY_CHARS} long and has no control character, else
     * {@code sha256:} and its hex SHA-256.
     *
     * @param key the key
     * @return the bounded key
     */
    public static String oldBounded(String key) {
        return key.length() <= EventKeys.MAX_KEY_CHARS && !oldHasControlCharacter(key)
                ? key : "sha256:" + Sha256.hex(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether any character of {@code s} is an ISO control character.
     *
     * @param s the text
     * @return true when one is
     */
    public static boolean oldHasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
