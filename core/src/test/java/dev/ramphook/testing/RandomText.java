package dev.ramphook.testing;

import java.util.SplittableRandom;

/** Random text for oracle tests of keys, names and ids: what a careless or hostile sender may put in a field. */
public final class RandomText {

    private RandomText() {
    }

    /**
     * Mostly ASCII, sometimes Latin-1, control characters (C0 and C1), other scripts or a surrogate pair.
     *
     * @param random the test's seeded source
     * @param length the length in chars (a surrogate pair may take it one past)
     * @return the text
     */
    public static String text(SplittableRandom random, int length) {
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            int kind = random.nextInt(40);
            if (kind == 0) {
                out.append((char) random.nextInt(0, 0x20));
            } else if (kind == 1) {
                out.append((char) random.nextInt(0x7F, 0xA0));
            } else if (kind == 2) {
                out.append((char) random.nextInt(0xA0, 0x100));
            } else if (kind == 3) {
                out.append((char) random.nextInt(0x100, 0xD800));
            } else if (kind == 4) {
                out.appendCodePoint(random.nextInt(0x10000, 0x10FFFF));
            } else {
                out.append((char) random.nextInt(0x20, 0x7F));
            }
        }
        return out.toString();
    }
}
