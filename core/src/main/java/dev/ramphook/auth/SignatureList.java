package dev.ramphook.auth;

import java.util.ArrayList;
import java.util.List;

/** Splits signature header values that list several signatures (key rotation on the sender's side). */
final class SignatureList {

    private static final String COMMAS_AND_SPACES = ", \t";
    private static final String SPACES = " \t";

    private SignatureList() {
    }

    /** Items separated by commas or spaces, across all values, in order, at most {@code max} of them. */
    static List<String> split(List<String> headerValues, int max) {
        return split(headerValues, max, COMMAS_AND_SPACES);
    }

    /** Items separated by spaces only, for lists whose items contain commas ({@code v1,<base64> v1,<base64>}). */
    static List<String> splitOnSpaces(List<String> headerValues, int max) {
        return split(headerValues, max, SPACES);
    }

    private static List<String> split(List<String> headerValues, int max, String separators) {
        List<String> out = new ArrayList<>(2);
        for (String value : headerValues) {
            int start = -1;
            for (int i = 0; i <= value.length() && out.size() < max; i++) {
                boolean separator = i == value.length() || separators.indexOf(value.charAt(i)) >= 0;
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
