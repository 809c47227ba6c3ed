package dev.ramphook.internal.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.Masking;
import dev.ramphook.internal.json.Json;
import dev.ramphook.internal.text.CredentialHeaders;
import dev.ramphook.store.StoredEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A stored delivery as an operator reads it: the body pretty-printed with its credentials masked ({@link Masking}),
 * headers redacted, a curl command. Replay never goes through here: it uses the stored body.
 */
final class Bodies {

    /** Headers a replay must not copy: the transport's own, and the original peer's. */
    private static final Set<String> NOT_COPIED = Set.of("host", "content-length", "connection", "transfer-encoding",
            "accept-encoding", "expect", "x-forwarded-for", "forwarded", "x-real-ip");

    private Bodies() {
    }

    /** Indented masked JSON when the body is JSON, else the masked text (invalid UTF-8 shown as replacement). */
    static String pretty(byte[] body) {
        JsonNode tree = maskedJson(body);
        if (tree != null) {
            try {
                return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
            } catch (IOException | RuntimeException unexpected) {
                // shown as text below
            }
        }
        return maskedText(body);
    }

    /** The body as masked JSON, or null when it is not JSON. */
    static JsonNode maskedJson(byte[] body) {
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            return tree == null ? null : Masking.json(tree);
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /**
     * The body as text with its credentials masked: compact masked JSON when it is JSON (so no longer byte for byte
     * as received), else the text with credential-named parameters masked.
     */
    static String maskedText(byte[] body) {
        JsonNode tree = maskedJson(body);
        if (tree != null) {
            try {
                return Json.MAPPER.writeValueAsString(tree);
            } catch (IOException | RuntimeException unexpected) {
                // masked as text below
            }
        }
        return Masking.text(new String(body, StandardCharsets.UTF_8));
    }

    /**
     * The value as shown ({@link Masking#header}): a mark when the name says it is a credential (stores never keep
     * those; this is a second net), else with URL credentials and card numbers masked (stored values already are;
     * a store written by an older version may still hold them).
     */
    static String redacted(String name, String value) {
        return CredentialHeaders.isCredential(name) ? "(redacted)" : Masking.header(name, value);
    }

    /** A handler's failure message as shown: what it says, credentials masked ({@link Masking#text}). */
    static String error(String lastError) {
        return Masking.text(lastError);
    }

    /**
     * A curl command that sends the body, its credentials masked ({@link #maskedText}), to {@code $RAMPHOOK_URL} plus
     * the endpoint path, with the kept headers; every value is single-quoted for a POSIX shell. It is for a test
     * receiver, which the operator signs for anyway (signature headers are never stored).
     */
    static String curl(StoredEvent e) {
        StringBuilder b = new StringBuilder("curl -sS -X POST \"$RAMPHOOK_URL\"").append(quote(e.endpoint()));
        for (Map.Entry<String, List<String>> h : new TreeMap<>(e.headers()).entrySet()) {
            String lower = h.getKey().toLowerCase(Locale.ROOT);
            if (NOT_COPIED.contains(lower) || CredentialHeaders.isCredential(h.getKey())) {
                continue;
            }
            for (String v : h.getValue()) {
                b.append(" \\\n  -H ").append(quote(h.getKey() + ": " + Masking.header(h.getKey(), v)));
            }
        }
        return b.append(" \\\n  --data-binary ").append(quote(maskedText(e.body())))
                .toString();
    }

    /** {@code 'text'} with each {@code '} written as {@code '\''}. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
