package dev.ramphook.internal.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that a body is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF)
 * without a NUL byte, in one pass that allocates nothing. A body that passes reaches Jackson's byte parser as
 * exactly the text that was signed: Jackson would otherwise guess UTF-16/32 from zero bytes and decode overlong
 * forms ({@code C0 AF} as {@code /}) without complaint. JSON never contains a raw U+0000 (RFC 8259 requires
 * control characters in strings to be escaped), so refusing NUL loses nothing genuine.
 */
final class Utf8 {

    /** Eight bytes of a body at once, in an order that keeps the byte tests below exact. */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long ONES = 0x0101010101010101L;
    static final long HIGHS = 0x8080808080808080L;

    private Utf8() {
    }

    static boolean isWellFormedWithoutNul(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            if (i + 8 <= n) {
                long w = (long) LONGS.get(b, i);
                // A high bit: not ASCII; w - ONES sets one in a NUL byte (a borrow only runs on from a NUL, which
                // the byte loop then finds). Either way the byte loop below takes the next character.
                if (((w | (w - ONES)) & HIGHS) == 0) {
                    i += 8; // eight ASCII bytes, none of them NUL: the common run
                    continue;
                }
            }
            int c = b[i];
            if (c > 0) { // ASCII other than NUL: the common case, one comparison
                i++;
                continue;
            }
            if (c == 0) {
                return false;
            }
            int len = sequence(b, i);
            if (len == 0) {
                return false;
            }
            i += len;
        }
        return true;
    }

    /**
     * The length (2 to 4) of the well-formed character whose lead byte, a non-ASCII one, is at {@code i}, or 0 when
     * the sequence there is malformed (an overlong form, a surrogate, above U+10FFFF, a bad or missing continuation,
     * cut by the end of {@code b}). Shared with {@link CommonShapeReader}, which checks each character of a string
     * where its scan stops on a high byte instead of running this class's pass over the whole body first.
     */
    static int sequence(byte[] b, int i) {
        int lead = b[i] & 0xFF;
        if (lead < 0xC2 || lead > 0xF4) { // continuation byte as lead, overlong 2-byte lead, or out of range
            return 0;
        }
        int len = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (i + len > b.length) {
            return 0;
        }
        int second = b[i + 1] & 0xFF;
        int low = 0x80;
        int high = 0xBF;
        if (lead == 0xE0) {
            low = 0xA0; // overlong 3-byte
        } else if (lead == 0xED) {
            high = 0x9F; // UTF-16 surrogates D800-DFFF
        } else if (lead == 0xF0) {
            low = 0x90; // overlong 4-byte
        } else if (lead == 0xF4) {
            high = 0x8F; // above U+10FFFF
        }
        if (second < low || second > high) {
            return 0;
        }
        for (int k = 2; k < len; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return len;
    }
}
