package dev.ramphook.internal.text;

import java.time.Instant;

/**
 * {@link Instant#toString()}'s text, appended to a builder without {@code java.time}'s formatter: the providers'
 * deduplication keys end with a normalised instant, once per delivery, and the JDBC store writes four times per
 * recorded event; the formatter made a {@code LocalDateTime}, a {@code LocalDate}, a {@code LocalTime}, a print
 * context and two builders for it (about 0.7 KB and a tenth of the ZBD path's CPU). The text must stay exactly {@code Instant.toString()}'s: stored keys
 * of earlier deliveries are compared with it. Years 1970 to 9999 take the fast path; any other instant is appended
 * by {@code Instant.toString()} itself. Not part of the public API.
 */
public final class InstantText {

    private static final long LAST_FAST_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z
    /** A fraction's point and leading zeros, by their number. */
    private static final String[] FRACTION_HEADS = {".", ".0", ".00", ".000", ".0000", ".00000", ".000000",
            ".0000000", ".00000000"};
    /** A canonical text's first 20 characters: '0' stands for any digit; the point only when a fraction follows. */
    private static final String SHAPE = "0000-00-00T00:00:00.";

    private InstantText() {
    }

    /**
     * Appends {@code instant} as {@link Instant#toString()} writes it.
     *
     * @param out     where to append
     * @param instant the instant, not {@code null}
     * @return {@code out}
     */
    public static StringBuilder append(StringBuilder out, Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > LAST_FAST_SECOND) {
            return out.append(instant);
        }
        int secondOfDay = (int) (seconds % 86_400);
        int date = civilDate(seconds / 86_400);
        int year = date >>> 9;
        int month = (date >>> 5) & 15;
        int day = date & 31;
        two(two(out, year / 100), year % 100).append('-');
        two(out, month).append('-');
        two(out, day).append('T');
        two(out, secondOfDay / 3600).append(':');
        two(out, secondOfDay / 60 % 60).append(':');
        two(out, secondOfDay % 60);
        int nano = instant.getNano();
        if (nano > 0) {
            out.append('.');
            if (nano % 1_000_000 == 0) {
                digits(out, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(out, nano / 1000, 6);
            } else {
                digits(out, nano, 9);
            }
        }
        return out.append('Z');
    }

    /**
     * The length of {@link Instant#toString()}'s text of {@code instant}, without writing it.
     *
     * @param instant the instant, not {@code null}
     * @return 20 for whole seconds from 1970 to 9999, 24, 27 or 30 with a fraction of 3, 6 or 9 digits
     */
    public static int length(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > LAST_FAST_SECOND) {
            return instant.toString().length();
        }
        int nano = instant.getNano();
        return nano == 0 ? 20 : 21 + fractionWidth(nano);
    }

    /**
     * Whether {@code text}, which was read as {@code instant}, is already {@link Instant#toString()}'s text of it, so
     * that a key can take the delivered text instead of writing the instant again (ZBD sends its times so: writing
     * one was a fifth of ZBD's parse). Only the shape is checked, not the digits: a text of the shape
     * {@code dddd-dd-ddTdd:dd:dd[.fraction]Z} denotes the instant whose UTC fields are its digits, and a length equal
     * to {@link #length} leaves one possible fraction, the one {@code Instant.toString()} writes (3, 6 or 9 digits;
     * {@code .000Z} or {@code .120000Z} is a length that differs). Years 1970 to 9999 only; {@code false} otherwise.
     *
     * @param text    the text the instant was parsed from
     * @param instant what an ISO-8601 parser read from {@code text}, not {@code null}
     * @return true when {@code text.equals(instant.toString())}
     */
    public static boolean isCanonical(String text, Instant instant) {
        long seconds = instant.getEpochSecond();
        int length = text.length();
        if (seconds < 0 || seconds > LAST_FAST_SECOND || length != length(instant)) {
            return false;
        }
        for (int i = 0; i < length - 1; i++) {
            char c = text.charAt(i);
            char expected = i < 20 ? SHAPE.charAt(i) : '0';
            if (expected == '0' ? (char) (c - '0') > 9 : c != expected) {
                return false;
            }
        }
        return text.charAt(length - 1) == 'Z';
    }

    /**
     * {@code first + ':' + second + ':' + instant}, the instant written as {@link Instant#toString()} writes it, as
     * one string built at its exact length (a string concatenation of the fields' numbers: no builder that grows, no
     * second copy, no text of the instant on its own). A deduplication key: name, id, time.
     *
     * @param first   the text before the first colon
     * @param second  the text between the colons
     * @param instant the instant, not {@code null}
     * @return the joined text
     */
    public static String joined(String first, String second, Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > LAST_FAST_SECOND) {
            return first + ':' + second + ':' + instant;
        }
        int secondOfDay = (int) (seconds % 86_400);
        int date = civilDate(seconds / 86_400);
        int year = date >>> 9; // 1970 to 9999: four digits
        int month = (date >>> 5) & 15;
        int day = date & 31;
        int hour = secondOfDay / 3600;
        int minute = secondOfDay / 60 % 60;
        int sec = secondOfDay % 60;
        int nano = instant.getNano();
        int century = year / 100;
        int yearOfCentury = year % 100;
        // The fields' digits as characters: the concatenation copies a char, where an int costs its digit count
        // and a division per two digits
        if (nano == 0) {
            return first + ':' + second + ':' + tens(century) + ones(century) + tens(yearOfCentury)
                    + ones(yearOfCentury) + '-' + tens(month) + ones(month) + '-' + tens(day) + ones(day)
                    + 'T' + tens(hour) + ones(hour) + ':' + tens(minute) + ones(minute) + ':' + tens(sec) + ones(sec)
                    + 'Z';
        }
        int width = fractionWidth(nano);
        int fraction = width == 3 ? nano / 1_000_000 : width == 6 ? nano / 1000 : nano;
        return first + ':' + second + ':' + tens(century) + ones(century) + tens(yearOfCentury)
                + ones(yearOfCentury) + '-' + tens(month) + ones(month) + '-' + tens(day) + ones(day)
                + 'T' + tens(hour) + ones(hour) + ':' + tens(minute) + ones(minute) + ':' + tens(sec) + ones(sec)
                + FRACTION_HEADS[width - digitCount(fraction)] + fraction + 'Z';
    }

    /**
     * The civil date of {@code days} since 1970-01-01 (H. Hinnant's days_from_civil, inverted), for days >= 0:
     * {@code year << 9 | month << 5 | day}, one int, so that both writers share it without an object.
     */
    private static int civilDate(long days) {
        long z = days + 719_468;
        long era = z / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        return year << 9 | month << 5 | day;
    }

    private static char tens(int twoDigits) {
        return (char) ('0' + twoDigits / 10);
    }

    private static char ones(int twoDigits) {
        return (char) ('0' + twoDigits % 10);
    }

    /** 3, 6 or 9: the digits {@code Instant.toString()} gives a non-zero fraction. */
    private static int fractionWidth(int nano) {
        return nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
    }

    /** The decimal digits of {@code value}, 1 to 999,999,999. */
    private static int digitCount(int value) {
        int count = 1;
        for (int limit = 10; count < 9 && value >= limit; limit *= 10) {
            count++;
        }
        return count;
    }

    private static StringBuilder two(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static void digits(StringBuilder out, int value, int width) {
        for (int scale = pow10(width - 1); scale > 0; scale /= 10) {
            out.append((char) ('0' + value / scale % 10));
        }
    }

    private static int pow10(int exponent) {
        int p = 1;
        for (int i = 0; i < exponent; i++) {
            p *= 10;
        }
        return p;
    }
}
