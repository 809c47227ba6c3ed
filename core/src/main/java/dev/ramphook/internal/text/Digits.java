package dev.ramphook.internal.text;

/**
 * The one reader of plain decimal numbers in headers and settings: Unix timestamps in seconds (auth) and in
 * milliseconds (Revolut), CIDR prefix lengths. Strict on purpose, as a signed value is compared, not guessed at.
 */
public final class Digits {

    private Digits() {
    }

    /**
     * The value of {@code text} when it is 1 to {@code maxDigits} ASCII digits, and nothing else: no sign, no spaces,
     * no fraction, no other script's digits. Leading zeros are allowed.
     *
     * @param text      the text, possibly null
     * @param maxDigits the most digits accepted, at most 18 (so that the value always fits a {@code long})
     * @return the value, or -1 when {@code text} is null, empty, longer than {@code maxDigits} or not all digits
     */
    public static long parse(String text, int maxDigits) {
        if (text == null || text.isEmpty() || text.length() > maxDigits) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
