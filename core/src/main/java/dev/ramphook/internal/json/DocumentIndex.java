package dev.ramphook.internal.json;

import java.util.Arrays;

/**
 * The validating pass of a lazily built tree: reads a body of the common shape exactly as {@link CommonShapeReader}
 * does (the same grammar, limits and refusals, its own scanners and name cache), but instead of nodes and maps it
 * records where each value is: a tape of (kind and start, end of subtree) per value in document order, and each
 * member's name. An {@link IndexedDocument} makes nodes from it only when they are asked for. Answers {@code null}
 * for every body that {@link CommonShapeReader} would pass on (so the caller reads it the old way), and also for an
 * object of more than {@value #MAX_MEMBERS} members (duplicate names are found by comparing a member's name with
 * its siblings': kept short). {@code LazyTreeTest} holds it to the eager readers on random documents.
 */
final class DocumentIndex {

    static final int OBJECT = 1;
    static final int ARRAY = 2;
    static final int STRING = 3;
    static final int NUMBER = 4;
    static final int TRUE = 5;
    static final int FALSE = 6;
    static final int NULL = 7;
    /** A string of ASCII without escapes: its text is its bytes, between its start and its end less the quote. */
    static final int PLAIN_STRING = 8;
    /** Above this, an object goes to the eager reader, whose map finds duplicates without a quadratic scan. */
    static final int MAX_MEMBERS = 64;
    /** A value's kind sits above its start in one int: bodies up to 128 MiB. */
    static final int KIND_SHIFT = 27;
    static final int MAX_START = (1 << KIND_SHIFT) - 1;

    private final CommonShapeReader common;

    DocumentIndex(CommonShapeReader common) {
        this.common = common;
    }

    /**
     * The tape being written: three ints per value (its kind in the top bits over its start in the body; the end of
     * its subtree, the index of the value after it; and where it ends in the body), and each member's name.
     */
    private static final class Tape {
        int[] values;
        String[] names;
        int count;

        Tape(int capacity) {
            values = new int[capacity * 3];
            names = new String[capacity];
        }

        int add(int kind, int start, int end, String name) {
            if (count == names.length) {
                values = Arrays.copyOf(values, values.length * 2);
                names = Arrays.copyOf(names, names.length * 2);
            }
            int v = count++;
            values[3 * v] = kind << KIND_SHIFT | start;
            values[3 * v + 1] = count; // a scalar's subtree is itself; a container's is closed by close()
            values[3 * v + 2] = end;
            names[v] = name;
            return v;
        }

        void close(int v) {
            values[3 * v + 1] = count;
        }

        /** Whether the open object {@code v} already has a member {@code name}. */
        boolean hasMember(int v, String name) {
            int hash = name.hashCode(); // cached in the name, which mostly comes from the reader's cache
            for (int c = v + 1; c < count; c = values[3 * c + 1]) {
                String other = names[c];
                if (other.hashCode() == hash && other.equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The body's index, or {@code null} when the body is not of the common shape (see the class comment). */
    IndexedDocument read(byte[] body) {
        CommonShapeReader.Cursor c = new CommonShapeReader.Cursor();
        int i = CommonShapeReader.space(body, 0);
        if (i >= body.length || body[i] != '{' || body.length > MAX_START) {
            return null;
        }
        Tape t = new Tape(body.length / 24 + 8);
        int root = t.add(OBJECT, i, 0, null);
        c.at = i + 1;
        if (!object(body, c, 1, t, root)) {
            return null;
        }
        if (CommonShapeReader.space(body, c.at) != body.length) {
            return null;
        }
        return new IndexedDocument(body, t.values, t.names, t.count, common);
    }

    private boolean object(byte[] b, CommonShapeReader.Cursor c, int depth, Tape t, int v) {
        int i = CommonShapeReader.space(b, c.at);
        if (i < b.length && b[i] == '}') {
            c.at = i + 1;
            t.close(v);
            return true;
        }
        int members = 0;
        while (true) {
            if (i >= b.length || b[i] != '"') {
                return false;
            }
            String name = common.name(b, i + 1, c);
            if (name == null || ++members > MAX_MEMBERS || t.hasMember(v, name)) {
                return false; // a duplicate name: the old reader refuses it
            }
            i = CommonShapeReader.space(b, c.at);
            if (i >= b.length || b[i] != ':') {
                return false;
            }
            c.at = CommonShapeReader.space(b, i + 1);
            if (!value(b, c, depth, t, name)) {
                return false;
            }
            i = CommonShapeReader.space(b, c.at);
            if (i >= b.length) {
                return false;
            }
            if (b[i] == '}') {
                c.at = i + 1;
                t.close(v);
                return true;
            }
            if (b[i] != ',') {
                return false;
            }
            i = CommonShapeReader.space(b, i + 1);
        }
    }

    private boolean array(byte[] b, CommonShapeReader.Cursor c, int depth, Tape t, int v) {
        int i = CommonShapeReader.space(b, c.at);
        if (i < b.length && b[i] == ']') {
            c.at = i + 1;
            t.close(v);
            return true;
        }
        c.at = i;
        while (true) {
            if (!value(b, c, depth, t, null)) {
                return false;
            }
            i = CommonShapeReader.space(b, c.at);
            if (i >= b.length) {
                return false;
            }
            if (b[i] == ']') {
                c.at = i + 1;
                t.close(v);
                return true;
            }
            if (b[i] != ',') {
                return false;
            }
            c.at = CommonShapeReader.space(b, i + 1);
        }
    }

    /** The value at {@code c.at} (no space before it) put on the tape; false when it is not of the common shape. */
    private boolean value(byte[] b, CommonShapeReader.Cursor c, int depth, Tape t, String name) {
        int i = c.at;
        if (i >= b.length) {
            return false;
        }
        switch (b[i]) {
            case '"': {
                int end = CommonShapeReader.skipString(b, i + 1);
                if (end == -1) {
                    return false;
                }
                if (end >= 0) {
                    t.add(PLAIN_STRING, i + 1, end, name);
                    c.at = end;
                } else {
                    t.add(STRING, i + 1, ~end, name);
                    c.at = ~end;
                }
                return true;
            }
            case '{':
                if (depth >= CommonShapeReader.MAX_DEPTH) {
                    return false;
                }
                c.at = i + 1;
                return object(b, c, depth + 1, t, t.add(OBJECT, i, 0, name));
            case '[':
                if (depth >= CommonShapeReader.MAX_DEPTH) {
                    return false;
                }
                c.at = i + 1;
                return array(b, c, depth + 1, t, t.add(ARRAY, i, 0, name));
            case 't':
                return literal(b, c, "true", t, TRUE, name);
            case 'f':
                return literal(b, c, "false", t, FALSE, name);
            case 'n':
                return literal(b, c, "null", t, NULL, name);
            default: {
                int end = CommonShapeReader.skipNumber(b, i);
                if (end < 0) {
                    return false;
                }
                t.add(NUMBER, i, end, name);
                c.at = end;
                return true;
            }
        }
    }

    private static boolean literal(byte[] b, CommonShapeReader.Cursor c, String word, Tape t, int kind, String name) {
        int at = c.at;
        if (!CommonShapeReader.literal(b, c, word)) {
            return false;
        }
        t.add(kind, at, c.at, name);
        return true;
    }
}
