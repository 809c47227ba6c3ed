package dev.ramphook.example.tomcat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.Masking;
import dev.ramphook.WebhookEvent;

/**
 * The events this web application's catch-all handler saw, for {@code GET /events}. Static because the zero-code
 * configuration creates the handler itself; one web application has one copy (its own class loader).
 *
 * <p>Shown as the console shows bodies: credentials masked by the library's one rule ({@link Masking}), a
 * {@code data} member over {@value #MAX_DATA_CHARS} characters replaced by its size, and every other text cut at
 * {@value #MAX_TEXT_CHARS} characters, so the {@value #LIMIT} entries stay small whatever a signed delivery carries.
 */
final class RecentEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int LIMIT = 1000;
    static final int MAX_DATA_CHARS = 8_192;
    static final int MAX_TEXT_CHARS = 256;
    private static final ArrayNode ENTRIES = JSON.createArrayNode();

    private RecentEvents() {
    }

    static void add(WebhookEvent<?> event) {
        ObjectNode entry = JSON.createObjectNode()
                .put("provider", bounded(event.provider()))
                .put("event", bounded(event.name()))
                .put("key", bounded(event.key()));
        // The data member, masked; JSON null when the delivery had none.
        entry.set("data", event.json().has("data") ? shown(event.json().get("data")) : JSON.nullNode());
        synchronized (ENTRIES) {
            if (ENTRIES.size() == LIMIT) {
                ENTRIES.remove(0);
            }
            ENTRIES.add(entry);
        }
    }

    static String toJson() {
        synchronized (ENTRIES) {
            return ENTRIES.toString();
        }
    }

    /** A delivered {@code data} member as {@code GET /events} shows it: masked, and replaced by its size when large. */
    static JsonNode shown(JsonNode data) {
        JsonNode masked = Masking.json(data);
        String text = masked.toString();
        return text.length() <= MAX_DATA_CHARS ? masked
                : JSON.createObjectNode().put("omitted", "data of " + text.length() + " characters");
    }

    private static String bounded(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_TEXT_CHARS ? Masking.text(text)
                : Masking.text(text.substring(0, MAX_TEXT_CHARS)) + "… (" + text.length() + " characters)";
    }
}
