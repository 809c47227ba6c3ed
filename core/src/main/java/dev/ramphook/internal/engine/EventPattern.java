package dev.ramphook.internal.engine;

import java.util.Arrays;
import java.util.Locale;

/**
 * One {@code @OnEvent} pattern: dot-separated segments, ASCII case ignored; {@code *} matches one segment, or one
 * or more as the last segment; {@code *} alone matches everything.
 */
final class EventPattern {

    private final String text;
    private final String[] segments;

    private EventPattern(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
    }

    /** @throws IllegalArgumentException with the reason the pattern is malformed */
    static EventPattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty pattern");
        }
        String[] segments = text.toUpperCase(Locale.ROOT).split("\\.", -1);
        for (String s : segments) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("pattern '" + text + "' has an empty segment");
            }
            if (!s.equals("*") && (s.indexOf('*') >= 0)) {
                throw new IllegalArgumentException("pattern '" + text + "': * must be a whole segment");
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c <= ' ' || c > '~') {
                    throw new IllegalArgumentException("pattern '" + text + "' has a space or non-ASCII character");
                }
            }
        }
        return new EventPattern(text, segments);
    }

    boolean matches(String name) {
        if (segments.length == 1 && segments[0].equals("*")) {
            return true;
        }
        String[] parts = name.split("\\.", -1);
        int last = segments.length - 1;
        boolean openEnded = segments[last].equals("*");
        if (openEnded ? parts.length < segments.length : parts.length != segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            if (!segments[i].equals("*") && !segments[i].equalsIgnoreCase(parts[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventPattern p && Arrays.equals(segments, p.segments);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(segments);
    }
}
