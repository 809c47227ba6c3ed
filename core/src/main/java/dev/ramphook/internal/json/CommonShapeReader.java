package dev.ramphook.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the shape nearly every delivery has straight from the body's bytes into the nodes {@link TreeReader} makes,
 * without Jackson's parser (its parser object, context per level, character buffer per string): an object of
 * objects, arrays, strings, {@code true}, {@code false}, {@code null}, numbers of at most 64 characters without an
 * exponent, at most 32 levels deep. Anything else, valid or not, makes it answer
 * {@code null} at once and the body goes to {@link TreeReader} as before: so every refusal, every limit and every
 * rare shape (exponents, long numbers, a byte-order mark, deep nesting) keeps exactly the old reader's outcome, and
 * this class only has to be right about what it accepts. {@code DirectReaderTest} holds it to the old reader on the
 * same random documents. Its objects keep their members in {@link Children} (an array, not a {@code LinkedHashMap}):
 * the same {@code ObjectNode}, equal to the old reader's, for a third less of the tree's bytes.
 *
 * <p>It also checks the body's UTF-8 in the same pass, so a body it takes needs no separate check: outside strings
 * it takes only ASCII structure, space, literals and numbers, and inside a string its scan stops on every high byte,
 * where {@link Utf8#sequence} checks that character (NUL is a control character, which a string refuses). A body
 * it passes on goes through {@link Utf8#isWellFormedWithoutNul} first, as every body did before, so "not UTF-8" and
 * "not valid JSON" keep their inputs. Stateless apart from a cache of field names (names repeat in every delivery of
 * a provider: one {@code String} per name, as Jackson's symbol table gives); thread-safe.
 */
final class CommonShapeReader {

    private static final int MAX_DEPTH = 32; // TreeReader enforces the real limit (64) on deeper bodies
    private static final int MAX_DIGITS = 18; // fits a long: no BigInteger, no overflow checks
    private static final int MAX_NUMBER_CHARS = 64; // below maxNumberLength (256)
    private static final int MAX_STRING_BYTES = 1 << 16; // far below maxStringLength; longer ones go to TreeReader
    private static final int MAX_NAME_BYTES = 256; // below maxNameLength (1024)
    private static final int NAME_SLOTS = 512; // a power of two
    private static final int MAX_INTERNED = 4096;
    private static final int SLOT_SHIFT = Integer.SIZE - Integer.numberOfTrailingZeros(NAME_SLOTS);
    private static final int GOLDEN = 0x9E3779B9;
    private static final long QUOTES = Utf8.ONES * '"';
    private static final long BACKSLASHES = Utf8.ONES * '\\';
    private static final long SPACES = Utf8.ONES * 0x20;

    private final JsonNodeFactory nodes;
    /**
     * Names seen, by a hash of their bytes, each with its bytes for the comparison: a racy cache of immutable pairs,
     * so a lost write only costs a copy.
     */
    private final Name[] names = new Name[NAME_SLOTS];
    /**
     * Names interned so far: the first {@link #MAX_INTERNED} names cached are the JVM's own instances, so that
     * handlers and typed mapping asking for a member by a literal find it by identity ({@link Children}); bounded, so
     * a sender of ever new names cannot grow the JVM's string table or pay its look-up on every body.
     */
    private int interned;
    /** Stands before a body's first name: its {@link Name#next} guesses the name the next body begins with. */
    private final Name start = new Name(new byte[0], "", false, 0, 0, -1);

    /**
     * A cached name: its bytes, its text, and for a name of at most 16 bytes ({@code packed}) the same bytes as two
     * little-endian words, zero past the end, so a hit costs two comparisons of words the scan has already read
     * instead of a call to {@code Arrays.equals} (19% of the reader's samples when every name was compared so).
     *
     * <p>{@link #next} is the slot of the name that followed this one in the last body that had it: a provider sends
     * the same names in the same order delivery after delivery, so {@link #name} first checks whether the body holds
     * that name next (its one or two words and the closing quote) before it scans, hashes and looks up. A slot, not a
     * reference, so that the guesses hold no name the cache has dropped (a chain of ever new names would otherwise
     * stay reachable); racy like the cache: a lost or stale guess only costs the scan.
     */
    private static final class Name {
        final byte[] bytes;
        final String text;
        final boolean packed;
        final long head;
        final long tail;
        final int length;
        final int slot;
        int next = -1;

        Name(byte[] bytes, String text, boolean packed, long head, long tail, int slot) {
            this.bytes = bytes;
            this.length = bytes.length;
            this.text = text;
            this.packed = packed;
            this.head = head;
            this.tail = tail;
            this.slot = slot;
        }
    }

    /** Where reading goes on; one per call. */
    private static final class Cursor {
        int at;
        /** The cached name read last in this body, or the reader's start; {@code null} after a name not cached. */
        Name last;
    }

    CommonShapeReader(JsonNodeFactory nodes) {
        this.nodes = nodes;
    }

    /**
     * The body's object, or {@code null} when the body is not of the common shape (including every invalid body, every
     * body that is not well-formed UTF-8 or holds a NUL, and every body with an escaped surrogate, whose pairing the
     * old path checks): the caller then checks it and reads it with {@link TreeReader}.
     */
    ObjectNode read(byte[] body) {
        Cursor c = new Cursor();
        c.last = start;
        int i = space(body, 0);
        if (i >= body.length || body[i] != '{') {
            return null;
        }
        c.at = i + 1;
        ObjectNode root = object(body, c, 1);
        if (root == null) {
            return null;
        }
        return space(body, c.at) == body.length ? root : null;
    }

    private static int space(byte[] b, int i) {
        if (i < b.length && b[i] > ' ') { // the usual case, a compact body: no space here, one compare
            return i;
        }
        while (i < b.length) {
            byte x = b[i];
            if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The object whose {@code '{'} is before {@code c.at}; after it, {@code c.at} is past its {@code '}'}. */
    private ObjectNode object(byte[] b, Cursor c, int depth) {
        Children children = new Children();
        ObjectNode node = new ObjectNode(nodes, children);
        int i = space(b, c.at);
        if (i < b.length && b[i] == '}') {
            c.at = i + 1;
            return node;
        }
        while (true) {
            if (i >= b.length || b[i] != '"') {
                return null;
            }
            String name = name(b, i + 1, c);
            if (name == null) {
                return null;
            }
            i = space(b, c.at);
            if (i >= b.length || b[i] != ':') {
                return null;
            }
            c.at = space(b, i + 1);
            JsonNode value = value(b, c, depth);
            if (value == null || children.put(name, value) != null) { // a duplicate name: TreeReader refuses it
                return null;
            }
            i = space(b, c.at);
            if (i >= b.length) {
                return null;
            }
            if (b[i] == '}') {
                c.at = i + 1;
                return node;
            }
            if (b[i] != ',') {
                return null;
            }
            i = space(b, i + 1);
        }
    }

    private ArrayNode array(byte[] b, Cursor c, int depth) {
        ArrayNode node = nodes.arrayNode();
        int i = space(b, c.at);
        if (i < b.length && b[i] == ']') {
            c.at = i + 1;
            return node;
        }
        c.at = i;
        while (true) {
            JsonNode value = value(b, c, depth);
            if (value == null) {
                return null;
            }
            node.add(value);
            i = space(b, c.at);
            if (i >= b.length) {
                return null;
            }
            if (b[i] == ']') {
                c.at = i + 1;
                return node;
            }
            if (b[i] != ',') {
                return null;
            }
            c.at = space(b, i + 1);
        }
    }

    /** The value starting at {@code c.at} (no space before it), or {@code null} when it is not of the common shape. */
    private JsonNode value(byte[] b, Cursor c, int depth) {
        int i = c.at;
        if (i >= b.length) {
            return null;
        }
        switch (b[i]) {
            case '"': {
                String s = string(b, i + 1, c);
                return s == null ? null : nodes.textNode(s);
            }
            case '{':
                if (depth >= MAX_DEPTH) {
                    return null;
                }
                c.at = i + 1;
                return object(b, c, depth + 1);
            case '[':
                if (depth >= MAX_DEPTH) {
                    return null;
                }
                c.at = i + 1;
                return array(b, c, depth + 1);
            case 't':
                return literal(b, c, "true") ? nodes.booleanNode(true) : null;
            case 'f':
                return literal(b, c, "false") ? nodes.booleanNode(false) : null;
            case 'n':
                return literal(b, c, "null") ? nodes.nullNode() : null;
            default:
                return number(b, c);
        }
    }

    /** True when the literal is at {@code c.at} and a separator (or the end) follows it; {@code c.at} moves past it. */
    private static boolean literal(byte[] b, Cursor c, String word) {
        int i = c.at;
        int end = i + word.length();
        if (end > b.length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        if (!endsValue(b, end)) {
            return false;
        }
        c.at = end;
        return true;
    }

    /** After a scalar, only space, a comma, a closing bracket or the end of the body may follow. */
    private static boolean endsValue(byte[] b, int i) {
        if (i >= b.length) {
            return true;
        }
        byte x = b[i];
        return x == ',' || x == '}' || x == ']' || x == ' ' || x == '\n' || x == '\r' || x == '\t';
    }

    /**
     * {@code -?(0|[1-9][0-9]*)(.[0-9]+)?} of at most 64 characters: an int, long, big-integer or decimal node as
     * Jackson's parser types it ({@code getNumberType}: int when it fits, else long when it fits, else big integer; a
     * fraction is a {@code BigDecimal} of the written scale). Exponents and longer numbers go to {@link TreeReader}.
     */
    private JsonNode number(byte[] b, Cursor c) {
        int from = c.at;
        int i = from;
        int n = b.length;
        boolean negative = i < n && b[i] == '-';
        if (negative) {
            i++;
        }
        int start = i;
        long value = 0;
        while (i < n && b[i] >= '0' && b[i] <= '9') {
            value = value * 10 + (b[i] - '0'); // overflows past 18 digits: then unused
            i++;
        }
        int intDigits = i - start;
        if (intDigits == 0 || (intDigits > 1 && b[start] == '0')) {
            return null; // no digit (a letter, a stray character) or a leading zero
        }
        int scale = 0;
        if (i < n && b[i] == '.') {
            i++;
            int fractionStart = i;
            while (i < n && b[i] >= '0' && b[i] <= '9') {
                value = value * 10 + (b[i] - '0');
                i++;
            }
            scale = i - fractionStart;
            if (scale == 0) {
                return null;
            }
        }
        if (!endsValue(b, i) || i - from > MAX_NUMBER_CHARS) {
            return null; // an exponent, for one
        }
        c.at = i;
        if (intDigits + scale > MAX_DIGITS) { // as Jackson reads such numbers: from their text
            String text = new String(b, from, i - from, StandardCharsets.ISO_8859_1);
            if (scale > 0) {
                return nodes.numberNode(new BigDecimal(text));
            }
            BigInteger big = new BigInteger(text);
            return big.bitLength() < 64 ? nodes.numberNode(big.longValue()) : nodes.numberNode(big);
        }
        long signed = negative ? -value : value;
        if (scale > 0) {
            return nodes.numberNode(BigDecimal.valueOf(signed, scale)); // as new BigDecimal(text): same digits, scale
        }
        if (signed >= Integer.MIN_VALUE && signed <= Integer.MAX_VALUE) {
            return nodes.numberNode((int) signed);
        }
        return nodes.numberNode(signed);
    }

    /**
     * A field name whose opening quote is before {@code from}; plain ASCII names come from the cache, and first of
     * all from the guess of the name read before it ({@link Name#next}).
     */
    private String name(byte[] b, int from, Cursor c) {
        Name last = c.last;
        int guess = last != null ? last.next : -1;
        if (guess >= 0 && from + 17 <= b.length) {
            Name g = names[guess]; // a name is only ever stored in its own slot
            if (g != null && g.packed) {
                int length = g.length;
                // the guess's bytes and then the quote: exactly the name the scan below would find (a cached name
                // holds no quote, backslash, control or non-ASCII byte, so none of these bytes is a stop)
                long w = (long) Utf8.LONGS.get(b, from);
                if ((length >= 8 ? w : w & ((1L << (length << 3)) - 1)) == g.head && b[from + length] == '"'
                        && (length <= 8 || (((long) Utf8.LONGS.get(b, from + 8))
                                & (length == 16 ? -1L : (1L << ((length - 8) << 3)) - 1)) == g.tail)) {
                    c.at = from + length + 1;
                    c.last = g;
                    return g.text;
                }
            }
        }
        return scanName(b, from, c, last);
    }

    /**
     * {@link #name} when the guess was not there: the name scanned, hashed and looked up in the cache. A method of
     * its own so that the guess above stays small enough for the JIT to inline into {@link #object}.
     */
    private String scanName(byte[] b, int from, Cursor c, Name last) {
        c.last = null;
        int hash = 0;
        int i = from;
        int n = Math.min(b.length, from + MAX_NAME_BYTES);
        long head = 0; // the name's first and second eight bytes as read below, zero past its end
        long tail = 0;
        int scanned = -1; // where the word scan stopped on a stop byte: the name is all in words when it is the quote
        while (i + 8 <= n) { // eight bytes at a time, as in string(), up to the first possible stop
            long w = (long) Utf8.LONGS.get(b, i);
            long q = w ^ QUOTES;
            long s = w ^ BACKSLASHES;
            long stops = (((q - Utf8.ONES) & ~q) | ((s - Utf8.ONES) & ~s) | ((w - SPACES) & ~w) | w) & Utf8.HIGHS;
            if (stops != 0) {
                int at = Long.numberOfTrailingZeros(stops) >>> 3; // a real stop: the byte loop below settles it
                long below = w & ((1L << (at << 3)) - 1);
                hash = (hash ^ (int) below ^ (int) (below >>> 32)) * GOLDEN;
                if (i == from) {
                    head = below;
                } else if (i == from + 8) {
                    tail = below;
                }
                i += at;
                scanned = i;
                break;
            }
            hash = (hash ^ (int) w ^ (int) (w >>> 32)) * GOLDEN; // any hash of the bytes: it only picks a slot
            if (i == from) {
                head = w;
            } else if (i == from + 8) {
                tail = w;
            }
            i += 8;
        }
        while (i < n) {
            byte x = b[i];
            if (x == '"') {
                break;
            }
            if (x == '\\' || x < 0x20) { // an escape, non-ASCII (negative) or a control character
                if (x >= 0 && x != '\\') {
                    return null;
                }
                String name = string(b, from, c);
                return name != null && name.length() <= MAX_NAME_BYTES ? name : null;
            }
            hash = hash * 31 + x;
            i++;
        }
        if (i >= n) {
            return null; // unterminated, or longer than a name need be
        }
        int length = i - from;
        boolean packed = i == scanned && length <= 16; // every byte of the name is in head and tail
        int slot = (hash * GOLDEN) >>> SLOT_SHIFT; // the top bits, which every byte of the name moves
        Name known = names[slot];
        c.at = i + 1;
        if (known == null || !(packed && known.packed
                ? known.head == head && known.tail == tail // no name holds a zero byte: equal words, equal length
                : Arrays.equals(known.bytes, 0, known.bytes.length, b, from, i))) {
            String name = new String(b, from, length, StandardCharsets.ISO_8859_1); // ASCII: Latin-1 is the same
            if (interned < MAX_INTERNED) {
                interned++; // racy: a lost update lets a few more through, still bounded
                name = name.intern(); // the same instance as a literal: Children finds it by identity
            }
            known = new Name(Arrays.copyOfRange(b, from, i), name, packed, head, tail, slot);
            names[slot] = known;
        }
        if (last != null && last.next != slot) { // the order for the next body; written only when it changed
            last.next = slot;
        }
        c.last = known;
        return known.text;
    }

    /**
     * The string whose opening quote is before {@code from}, escapes decoded; {@code null} for a raw control
     * character, a malformed UTF-8 sequence, an unknown escape or a string longer than this reader takes. {@code c.at}
     * moves past the quote.
     */
    private static String string(byte[] b, int from, Cursor c) {
        int n = Math.min(b.length, from + MAX_STRING_BYTES);
        int i = from;
        boolean ascii = true;
        while (true) {
            while (i + 8 <= n) { // eight bytes at a time while none is a quote, a backslash, a control or non-ASCII
                long w = (long) Utf8.LONGS.get(b, i);
                long q = w ^ QUOTES;
                long s = w ^ BACKSLASHES;
                // a zero byte in q or s, a byte of w below 0x20, or a high bit: possibly a stop (borrows may give
                // false alarms above a real one, never a miss), which the byte test below settles; the lowest
                // flag is always a real stop, so the bytes below it are skipped
                long stops = (((q - Utf8.ONES) & ~q) | ((s - Utf8.ONES) & ~s) | ((w - SPACES) & ~w) | w) & Utf8.HIGHS;
                if (stops != 0) {
                    i += Long.numberOfTrailingZeros(stops) >>> 3;
                    break;
                }
                i += 8;
            }
            if (i >= n) {
                return null;
            }
            byte x = b[i];
            if (x == '"') {
                c.at = i + 1;
                return ascii ? new String(b, from, i - from, StandardCharsets.ISO_8859_1)
                        : new String(b, from, i - from, StandardCharsets.UTF_8);
            }
            if (x == '\\') {
                return escaped(b, from, i, n, c);
            }
            if (x < 0) { // the lead byte of a character: the body's only UTF-8 check
                int length = Utf8.sequence(b, i);
                if (length == 0) {
                    return null; // malformed: the caller's check refuses the body as not UTF-8
                }
                ascii = false;
                i += length;
                continue;
            }
            if (x < 0x20) {
                return null; // a raw control character, NUL included: TreeReader refuses it
            }
            i++;
        }
    }

    /** The rest of a string from its first backslash at {@code i}, through a char buffer. */
    private static String escaped(byte[] b, int from, int i, int n, Cursor c) {
        StringBuilder out = new StringBuilder(i - from + 16);
        out.append(new String(b, from, i - from, StandardCharsets.UTF_8));
        int run = i; // start of the bytes not yet appended
        while (i < n) {
            byte x = b[i];
            if (x == '"') {
                out.append(new String(b, run, i - run, StandardCharsets.UTF_8));
                c.at = i + 1;
                return out.toString();
            }
            if (x >= 0 && x < 0x20) {
                return null;
            }
            if (x < 0) { // checked as in string()
                int length = Utf8.sequence(b, i);
                if (length == 0) {
                    return null;
                }
                i += length;
                continue;
            }
            if (x != '\\') {
                i++;
                continue;
            }
            out.append(new String(b, run, i - run, StandardCharsets.UTF_8));
            if (i + 1 >= n) {
                return null;
            }
            switch (b[i + 1]) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 6 > n) {
                        return null;
                    }
                    int v = 0;
                    for (int k = i + 2; k < i + 6; k++) {
                        int d = Character.digit(b[k], 16);
                        if (d < 0) {
                            return null;
                        }
                        v = v << 4 | d;
                    }
                    if (Character.isSurrogate((char) v)) {
                        return null; // paired or not: Json's old path decides, with its own refusal
                    }
                    out.append((char) v);
                    i += 4;
                }
                default -> {
                    return null;
                }
            }
            i += 2;
            run = i;
        }
        return null;
    }
}
