package dev.ramphook.internal.text;

/**
 * A sender's text made safe for one log line: control characters (a newline that would forge a second line, an
 * escape sequence for a terminal) are written as backslash escapes (a newline as backslash and n, others as
 * backslash, u and four hex digits), and anything past
 * {@value #MAX_CHARS} characters is cut, saying how much was left out. Every provider value the library logs
 * (event names, keys, ids) goes through it.
 */
public final class Printable {

    /** Longest text kept; event names and keys are far shorter, a 500 KB "name" is not. */
    public static final int MAX_CHARS = 200;

    private Printable() {
    }

    /** {@code text} escaped and bounded; {@code "null"} for {@code null}. */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        int kept = Math.min(text.length(), MAX_CHARS);
        StringBuilder out = null;
        for (int i = 0; i < kept; i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(kept + 16).append(text, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\t') {
                    out.append("\\t");
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        String safe = out == null ? text.substring(0, kept) : out.toString();
        return kept == text.length() ? safe : safe + "…(" + (text.length() - kept) + " more chars)";
    }
}
