package dev.ramphook.provider;

import java.time.LocalDateTime;

/**
 * A fast path for the one timestamp shape providers actually send, {@code yyyy-MM-ddTHH:mm:ss[.fraction]} with
 * {@code Z} (ZBD) or without a zone (meCash). {@code java.time}'s formatters remain the definition of what is
 * accepted: anything else answers {@code null} here and is handed to them. Why: the formatters cost about a
 * microsecond per field, and a zone-less text given to the offset formatter first costs an exception with a stack
 * trace, several times per meCash delivery (profiled in the core benchmarks).
 */
final class IsoTimes {

    private static final int[] SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private IsoTimes() {
    }

    /**
     * The date-time of {@code text} when it has exactly the canonical shape, followed by {@code Z} when
     * {@code zulu}; {@code null} for any other shape. Out-of-range fields (month 13, 30 February) throw
     * {@link java.time.DateTimeException}, as the strict ISO formatters reject them.
     */
    static LocalDateTime canonical(String text, boolean zulu) {
        int end = zulu ? text.length() - 1 : text.length();
        if (end < 19 || (zulu && text.charAt(end) != 'Z')) {
            return null;
        }
        if (text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int nano = 0;
        if (end > 19) {
            int fractionDigits = end - 20;
            if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(text, 20, end);
            if (fraction < 0) {
                return null;
            }
            nano = fraction * SCALE[fractionDigits];
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nano);
    }

    /** False when {@code text} cannot carry a zone or offset after its time part, so an offset parse must fail. */
    static boolean mayHaveOffset(String text) {
        int t = Math.max(text.indexOf('T'), text.indexOf('t'));
        if (t < 0) {
            return false;
        }
        for (int i = t + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+' || c == '-' || c == 'Z' || c == 'z') {
                return true;
            }
        }
        return false;
    }

    /** The decimal value of {@code text[from, to)}, or -1 when any of those characters is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
