package dev.ramphook.auth;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** How a signature is written in a header. Decoding is lenient in form (case, alphabet, padding), never in value. */
enum SignatureEncoding {
    HEX {
        @Override
        String encode(byte[] signature) {
            return HexFormat.of().formatHex(signature); // lowercase, as senders write it
        }

        @Override
        byte[] decode(String text) {
            if (text.isEmpty() || text.length() % 2 != 0) {
                return null;
            }
            try {
                return HexFormat.of().parseHex(text); // accepts upper and lower case digits
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }

        /**
         * Decodes and compares in one pass, without a substring, a decoded array or {@code HexFormat}'s parse (200 B
         * and about 0.2 µs of a meCash delivery's 128 digits, 2026-12-06). Given the text's bytes ({@link #bytes},
         * copied once per header value), sixteen digits are checked and compared at a time, two {@code long}s of them
         * turned into nibbles and packed into the eight bytes they stand for ({@link #packed}), against one
         * little-endian read of {@code expected}: 62-66 ns for 128 digits with the copy, against 66-92 ns (85-91 in
         * two runs of three) eight digits at a time against four bytes of {@code expected} spread into nibbles, and
         * 131-147 ns one character at a time with a table look-up (thread CPU, three alternations, 2026-12-07).
         * Every byte of {@code expected} is compared, no early exit, no branch on its value and no table
         * indexed by it; what decides "malformed" is the given text alone (which the sender knows anyway).
         */
        @Override
        int compare(String text, byte[] bytes, int from, int to, byte[] expected) {
            int length = to - from;
            if (length == 0 || (length & 1) != 0) {
                return MALFORMED;
            }
            int invalid = 0;
            if (length != 2 * expected.length) {
                for (int i = from; i < to; i++) {
                    invalid |= digit(text.charAt(i));
                }
                return invalid < 0 ? MALFORMED : DIFFERENT;
            }
            int i = 0;
            int j = from;
            long notDigits = 0;
            long differences = 0;
            if (bytes != null) {
                for (; i + 8 <= expected.length; i += 8, j += 16) {
                    long first = (long) LONGS.get(bytes, j); // text[j] in the lowest byte
                    long second = (long) LONGS.get(bytes, j + 8);
                    notDigits |= notHexDigits(first) | notHexDigits(second);
                    differences |= (packed(nibbles(first)) | packed(nibbles(second)) << 32)
                            ^ (long) LONGS.get(expected, i);
                }
                for (; i + 4 <= expected.length; i += 4, j += 8) {
                    long digits = (long) LONGS.get(bytes, j); // text[j] in the lowest byte
                    notDigits |= notHexDigits(digits);
                    long spread = (expected[i] & 0xffL) | (expected[i + 1] & 0xffL) << 16
                            | (expected[i + 2] & 0xffL) << 32 | (expected[i + 3] & 0xffL) << 48;
                    differences |= nibbles(digits) ^ ((spread >>> 4 & LOW_NIBBLE_PER_PAIR)
                            | (spread & LOW_NIBBLE_PER_PAIR) << 8);
                }
            }
            for (; i < expected.length; i++, j += 2) { // without bytes, or past the last eight digits
                int high = digit(text.charAt(j));
                int low = digit(text.charAt(j + 1));
                invalid |= high | low;
                differences |= (expected[i] & 0xff) ^ (high << 4 | low);
            }
            return invalid < 0 || notDigits != 0 ? MALFORMED : differences == 0 ? EQUAL : DIFFERENT;
        }

        /** Hex digits are neither spaces, tabs nor commas. */
        @Override
        boolean oneItemWhenWellFormed() {
            return true;
        }

        /** The ISO-8859-1 bytes, one per character, or {@code null} when a character has none. */
        @Override
        byte[] bytes(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1); // a copy of a Latin-1 string's own bytes
            return bytes.length == value.length() ? bytes : null; // a surrogate pair becomes one '?'
        }
    },
    BASE64 {
        @Override
        String encode(byte[] signature) {
            return Base64.getEncoder().encodeToString(signature);
        }

        @Override
        byte[] decode(String text) {
            if (text.isEmpty()) {
                return null;
            }
            boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
            try {
                byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
                return urlSafe ? Base64.getUrlDecoder().decode(ascii) : Base64.getDecoder().decode(ascii);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }

        @Override
        int compare(String text, byte[] bytes, int from, int to, byte[] expected) {
            byte[] given = decode(text.substring(from, to));
            return given == null ? MALFORMED : MessageDigest.isEqual(expected, given) ? EQUAL : DIFFERENT;
        }
    };

    /** {@link #compare}: the text is not in this encoding ({@link #decode} answers {@code null}). */
    static final int MALFORMED = -1;
    /** {@link #compare}: the text decodes to other bytes. */
    static final int DIFFERENT = 0;
    /** {@link #compare}: the text decodes to the expected bytes. */
    static final int EQUAL = 1;

    /** A hex digit's value by character (ASCII only, either case, as {@link HexFormat} reads them); -1 if none. */
    private static final byte[] DIGITS = new byte[128];

    static {
        Arrays.fill(DIGITS, (byte) -1);
        for (int c = 0; c < 128; c++) {
            if (HexFormat.isHexDigit(c)) {
                DIGITS[c] = (byte) HexFormat.fromHexDigit(c);
            }
        }
    }

    /** The bytes of a text read eight at a time, the first character in the lowest byte. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_NIBBLE_PER_PAIR = 0x000F000F000F000FL;

    /**
     * Each byte's high bit set in the answer when that byte of {@code word} is not a hex digit in either case, and
     * the answer is 0 when all eight are: range checks done on the eight bytes at once (each byte's seven low bits
     * plus a constant below 0x80 never carry into the next byte).
     */
    private static long notHexDigits(long word) {
        long ascii = word & ~HIGH_BITS;
        long digit = (ascii + 0x5050505050505050L) & ~(ascii + 0x4646464646464646L); // 0x30 <= b, b <= 0x39
        long lower = ascii | 0x2020202020202020L;
        long letter = (lower + 0x1f1f1f1f1f1f1f1fL) & ~(lower + 0x1919191919191919L); // 0x61 <= b|0x20 <= 0x66
        return (word & HIGH_BITS) | ((digit | letter) & HIGH_BITS ^ HIGH_BITS);
    }

    /** Each byte of {@code word}, a hex digit, replaced by its value (0-15): its low four bits, plus 9 for a letter. */
    private static long nibbles(long word) {
        return (word & 0x0f0f0f0f0f0f0f0fL) + 9 * (word >>> 6 & 0x0101010101010101L);
    }

    /**
     * The four bytes that eight nibbles ({@link #nibbles}, high nibble first) make, in the low half of the answer,
     * the first in the lowest byte: what a little-endian read of those four bytes gives. Each byte's nibble joined
     * with the next's, then every other byte kept and the kept ones moved together, by shifts alone.
     */
    private static long packed(long nibbles) {
        long pairs = (nibbles << 4 | nibbles >>> 8) & 0x00FF00FF00FF00FFL;
        long quads = (pairs | pairs >>> 8) & 0x0000FFFF0000FFFFL;
        return (quads | quads >>> 16) & 0xFFFFFFFFL;
    }

    /** The value of hex digit {@code c}, or -1. */
    private static int digit(char c) {
        return c < DIGITS.length ? DIGITS[c] : -1;
    }

    /** The signature as a sender writes it: lowercase hex, or standard padded base64. */
    abstract String encode(byte[] signature);

    /** The bytes, or {@code null} when {@code text} is not in this encoding. */
    abstract byte[] decode(String text);

    /**
     * What {@link #compare} may read instead of {@code value}'s characters, made once per header value: its bytes,
     * one per character at the same index; {@code null} when this encoding reads the characters.
     */
    byte[] bytes(String value) {
        return null;
    }

    /**
     * Whether a text {@link #compare} does not call {@link #MALFORMED} holds no separator ({@link SignatureList}): then
     * a header value compared whole and found well-formed was a single item.
     */
    boolean oneItemWhenWellFormed() {
        return false;
    }

    /**
     * How {@code text[from, to)} compares with {@code expected}, in a time that tells nothing about how much of it
     * matched: {@link #MALFORMED} when {@link #decode} would answer {@code null} for it, {@link #EQUAL} when it
     * decodes to {@code expected}'s bytes, else {@link #DIFFERENT}. {@code bytes} is {@link #bytes} of
     * {@code text}, or {@code null}.
     */
    abstract int compare(String text, byte[] bytes, int from, int to, byte[] expected);
}
