package dev.ramphook.internal.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.internal.ApiAccess;
import dev.ramphook.internal.Headers;
import dev.ramphook.internal.Json;
import dev.ramphook.store.StoredEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A stored delivery as an operator reads it: the body pretty-printed, headers redacted, a curl command. */
final class Bodies {

    /** Headers a replay must not copy: the transport's own, and the original peer's. */
    private static final Set<String> NOT_COPIED = Set.of("host", "content-length", "connection", "transfer-encoding",
            "accept-encoding", "expect", "x-forwarded-for", "forwarded", "x-real-ip");

    private Bodies() {
    }

    /** Indented JSON when the body is JSON, else the text as received (invalid UTF-8 shown as replacement). */
    static String pretty(byte[] body) {
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            if (tree != null) {
                return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
            }
        } catch (IOException | RuntimeException notJson) {
            // shown as text below
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The value, or a mark when the name says it is a credential (stores never keep those; this is a second net). */
    static String redacted(String name, String value) {
        return Headers.isCredential(name) ? "(redacted)" : value;
    }

    /**
     * A curl command that sends the body exactly as received to {@code $RAMPHOOK_URL} plus the endpoint path, with
     * the kept headers; every value is single-quoted for a POSIX shell.
     */
    static String curl(StoredEvent e) {
        StringBuilder b = new StringBuilder("curl -sS -X POST \"$RAMPHOOK_URL\"").append(quote(e.endpoint()));
        for (Map.Entry<String, List<String>> h : new TreeMap<>(e.headers()).entrySet()) {
            String lower = h.getKey().toLowerCase(Locale.ROOT);
            if (NOT_COPIED.contains(lower) || Headers.isCredential(h.getKey())) {
                continue;
            }
            for (String v : h.getValue()) {
                b.append(" \\\n  -H ").append(quote(h.getKey() + ": " + v));
            }
        }
        return b.append(" \\\n  --data-binary ").append(quote(new String(ApiAccess.body(e), StandardCharsets.UTF_8)))
                .toString();
    }

    /** {@code 'text'} with each {@code '} written as {@code '\''}. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
