package dev.ramphook.auth;

import java.util.ArrayList;
import java.util.List;

/** Splits signature header values that list several signatures (key rotation on the sender's side). */
final class SignatureList {

    private SignatureList() {
    }

    /** Items separated by commas or spaces, across all values, in order, at most {@code max} of them. */
    static List<String> split(List<String> headerValues, int max) {
        return split(headerValues, max, true);
    }

    /** Items separated by spaces only, for lists whose items contain commas ({@code v1,<base64> v1,<base64>}). */
    static List<String> splitOnSpaces(List<String> headerValues, int max) {
        return split(headerValues, max, false);
    }

    /**
     * One pass per value. The separators are compared directly: a look-up in a string of separators per character
     * was an eighth of a meCash delivery's CPU for its 128 hex digits (JFR, 2026-12-06).
     */
    private static List<String> split(List<String> headerValues, int max, boolean commas) {
        List<String> out = new ArrayList<>(2);
        for (String value : headerValues) {
            int start = -1;
            int length = value.length();
            for (int i = 0; i <= length && out.size() < max; i++) {
                char c = i == length ? ' ' : value.charAt(i);
                boolean separator = c == ' ' || c == '\t' || commas && c == ',';
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
