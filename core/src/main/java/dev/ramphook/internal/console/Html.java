package dev.ramphook.internal.console;

/**
 * Every byte the console puts into a page goes through {@link #text}: payloads, names, keys and errors are the
 * sender's text. The page frame carries its style inline under the response's CSP nonce; there is no script.
 */
final class Html {

    private Html() {
    }

    /** {@code s} safe as element text and as a quoted attribute value; "" for null. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append("\\u").append(String.format("%04x", (int) c)); // visible, never markup
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A whole page: the frame, the navigation with {@code active} marked, and {@code body} (already escaped). */
    static String page(String nonce, String title, String active, String body) {
        StringBuilder nav = new StringBuilder();
        // Relative links: every page lives one level below the console path, whatever the context path is.
        String[][] links = {{"./", "Overview"}, {"recent", "Recent deliveries"}, {"events", "Events"},
                {"dead", "Dead letters"}};
        for (String[] link : links) {
            nav.append("<a href=\"").append(link[0]).append('"')
                    .append(link[1].equals(active) ? " class=\"on\"" : "").append('>').append(link[1]).append("</a>");
        }
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">"
                + "<title>" + text(title) + " · ramphook console</title>"
                + "<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">"
                + "<style nonce=\"" + nonce + "\">" + ConsoleStyle.CSS + "</style></head><body>"
                + "<header><span class=\"brand\">ramphook</span><span class=\"sub\">console</span><nav>" + nav
                + "</nav></header><main><h1>" + text(title) + "</h1>" + body + "</main></body></html>";
    }

    /**
     * A labelled text field of a filter form, as typed; with its error (from {@code errors}, by field name) right
     * after it, tied to it for screen readers, and a format hint as placeholder when {@code hint} is not null.
     */
    static void input(StringBuilder b, String label, String name, Params p, String hint,
                      java.util.Map<String, String> errors) {
        String error = errors.get(name);
        b.append("<label>").append(label).append("<input name=\"").append(name).append("\" value=\"")
                .append(text(p.getOrNull(name))).append('"');
        if (hint != null) {
            b.append(" placeholder=\"").append(text(hint)).append('"');
        }
        if (error != null) {
            b.append(" aria-invalid=\"true\" aria-describedby=\"").append(name).append("-error\">")
                    .append("<small class=\"error\" id=\"").append(name).append("-error\">").append(text(error))
                    .append("</small>");
        } else {
            b.append('>');
        }
        b.append("</label>");
    }

    /**
     * {@link #text} with a break opportunity ({@code <wbr>}) after each dot and colon: long event names and keys
     * ({@code RAMP_WIDGET.V1.PAYMENT.SETTLED:sess_1:2025-01-18T11:05:00Z}) wrap between their parts, not at any
     * letter, in a narrow column.
     */
    static String breakable(String s) {
        return text(s).replace(".", ".<wbr>").replace(":", ":<wbr>");
    }

    /** A short paragraph in place of a table that has no rows: says what is missing rather than a bare header. */
    static String empty(String what) {
        return "<p class=\"empty\">" + text(what) + "</p>";
    }

    /** A state or outcome as a coloured badge; the class is chosen from a fixed set, never from input. */
    static String badge(String label, String tone) {
        return "<span class=\"badge " + tone + "\">" + text(label) + "</span>";
    }
}
