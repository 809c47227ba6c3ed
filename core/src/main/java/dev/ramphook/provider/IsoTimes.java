package dev.ramphook.provider;

import dev.ramphook.internal.text.InstantText;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

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
        long fields = fields(text, zulu);
        int nano = fields < 0 ? -1 : nano(text, zulu); // the fraction read once, not checked first and read again
        if (nano < 0) {
            return null;
        }
        return LocalDateTime.of(year(fields), month(fields), day(fields), hour(fields), minute(fields),
                second(fields), nano);
    }

    /**
     * {@link #canonical} as an instant at UTC, computed from the fields without the three {@code java.time} objects
     * in between (a delivery reads its times once each; this was most of what reading one allocated). The same
     * texts give {@code null}, the same out-of-range fields throw: those are handed to {@code LocalDateTime.of}.
     */
    static Instant canonicalInstant(String text, boolean zulu) {
        long fields = fields(text, zulu);
        int nano = fields < 0 ? -1 : nano(text, zulu);
        if (nano < 0) {
            return null;
        }
        int year = year(fields);
        int month = month(fields);
        int day = day(fields);
        int hour = hour(fields);
        int minute = minute(fields);
        int second = second(fields);
        if (month < 1 || month > 12 || day < 1 || day > InstantText.monthLength(year, month) || hour > 23
                || minute > 59 || second > 59) {
            return LocalDateTime.of(year, month, day, hour, minute, second, nano) // throws
                    .toInstant(ZoneOffset.UTC);
        }
        return Instant.ofEpochSecond(InstantText.epochDay(year, month, day) * 86_400 + hour * 3600 + minute * 60
                + second, nano);
    }

    /**
     * The date and time fields of a canonical text packed in one long (as below), or -1 for any other shape before
     * the fraction (which {@link #nano(String, boolean)} checks). Each field is its digits' value, not yet
     * range-checked.
     */
    private static long fields(String text, boolean zulu) {
        int end = zulu ? text.length() - 1 : text.length();
        if (end < 19 || (zulu && text.charAt(end) != 'Z')) {
            return -1;
        }
        if (text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return -1;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return -1;
        }
        // year below 10^4 (14 bits), the others below 100 (7 bits each): 49 bits; the fraction is read by nano
        return (long) year << 35 | (long) month << 28 | (long) day << 21 | (long) hour << 14 | (long) minute << 7
                | second;
    }

    /** The fraction of a text {@link #fields} accepted, in nanoseconds; -1 when it is not {@code .} and 1-9 digits. */
    private static int nano(String text, boolean zulu) {
        int end = zulu ? text.length() - 1 : text.length();
        return end > 19 ? nano(text, end) : 0;
    }

    /** The fraction {@code .d…} from index 19 to {@code end} in nanoseconds, or -1 when it is not 1-9 digits. */
    private static int nano(String text, int end) {
        int fractionDigits = end - 20;
        if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
            return -1;
        }
        int fraction = digits(text, 20, end);
        return fraction < 0 ? -1 : fraction * SCALE[fractionDigits];
    }

    private static int year(long fields) {
        return (int) (fields >>> 35);
    }

    private static int month(long fields) {
        return (int) (fields >>> 28) & 0x7F;
    }

    private static int day(long fields) {
        return (int) (fields >>> 21) & 0x7F;
    }

    private static int hour(long fields) {
        return (int) (fields >>> 14) & 0x7F;
    }

    private static int minute(long fields) {
        return (int) (fields >>> 7) & 0x7F;
    }

    private static int second(long fields) {
        return (int) fields & 0x7F;
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
