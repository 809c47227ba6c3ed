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
     * Each item found by {@code String.indexOf} of the separators, which the JVM runs as a vectorised scan: walking
     * the characters one by one cost about 0.5 µs for a meCash signature's 128 hex digits, a tenth of its delivery
     * (2026-12-06).
     */
    private static List<String> split(List<String> headerValues, int max, boolean commas) {
        List<String> out = new ArrayList<>(2);
        for (String value : headerValues) {
            int length = value.length();
            int i = 0;
            while (i < length && out.size() < max) {
                char c = value.charAt(i);
                if (separator(c, commas)) {
                    i++;
                    continue;
                }
                int end = end(value, i, commas);
                out.add(value.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    /** Whether {@code c} separates two items: a space or a tab, and a comma when {@code commas}. */
    static boolean separator(char c, boolean commas) {
        return c == ' ' || c == '\t' || commas && c == ',';
    }

    /** Where the item that starts at {@code start} (not a separator) ends: the next separator, or the value's end. */
    static int end(String value, int start, boolean commas) {
        int end = before(before(value.length(), value.indexOf(' ', start)), value.indexOf('\t', start));
        return commas ? before(end, value.indexOf(',', start)) : end;
    }

    /** The earlier of {@code end} and a found {@code index} ({@code -1}: not found). */
    private static int before(int end, int index) {
        return index >= 0 && index < end ? index : end;
    }
}
