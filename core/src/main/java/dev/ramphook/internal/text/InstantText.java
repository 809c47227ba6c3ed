package dev.ramphook.internal.text;

import java.time.Instant;

/**
 * {@link Instant#toString()}'s text, appended to a builder without {@code java.time}'s formatter: the providers'
 * deduplication keys end with a normalised instant, once per delivery, and the JDBC store writes four times per
 * recorded event; the formatter made a {@code LocalDateTime}, a {@code LocalDate}, a {@code LocalTime}, a print
 * context and two builders for it (about 0.7 KB and a tenth of the ZBD path's CPU). The text must stay exactly {@code Instant.toString()}'s: stored keys
 * of earlier deliveries are compared with it. Years 1970 to 9999 take the fast path; any other instant is appended
 * by {@code Instant.toString()} itself. {@link #parse} reads that text back (only that text), so that a key can take
 * a time delivered in that form as it stands. Not part of the public API.
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
     * The instant whose {@link Instant#toString()} text is exactly {@code text}, or {@code null} for any other text
     * (another spelling of an instant, or none): ZBD sends its times so, and a key that ends with the time can then
     * take the delivered text as it is, read and checked in one pass. A {@code null} says nothing about the text;
     * a lenient reader may still read it.
     *
     * @param text any text, not {@code null}
     * @return the instant, or {@code null}
     */
    public static Instant parse(String text) {
        int length = text.length();
        if (length != 20 && length != 24 && length != 27 && length != 30 || text.charAt(length - 1) != 'Z') {
            return null;
        }
        for (int i = 0; i < length - 1; i++) {
            char c = text.charAt(i);
            char expected = i < 20 ? SHAPE.charAt(i) : '0';
            if (expected == '0' ? (char) (c - '0') > 9 : c != expected) {
                return null;
            }
        }
        int year = 100 * two(text, 0) + two(text, 2);
        int month = two(text, 5);
        int day = two(text, 8);
        int hour = two(text, 11);
        int minute = two(text, 14);
        int second = two(text, 17);
        if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        int nano = 0;
        if (length > 20) {
            int fraction = 0;
            for (int i = 20; i < length - 1; i++) {
                fraction = fraction * 10 + text.charAt(i) - '0';
            }
            nano = fraction * (length == 24 ? 1_000_000 : length == 27 ? 1000 : 1);
            if (nano == 0 || fractionWidth(nano) != length - 21) {
                return null; // .000 or .120000: Instant.toString writes no fraction, or a shorter one
            }
        }
        return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second, nano);
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), years 0 to 9999; the
     * fields must be in range.
     *
     * @param year  0 to 9999
     * @param month 1 to 12
     * @param day   1 to the month's length
     * @return the epoch day
     */
    public static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365L + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    /**
     * The days of {@code month} in {@code year}, proleptic Gregorian.
     *
     * @param year  the year
     * @param month 1 to 12
     * @return 28 to 31
     */
    public static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static int two(String text, int at) {
        return 10 * (text.charAt(at) - '0') + text.charAt(at + 1) - '0';
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
