package dev.ramphook.example.tomcat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.WebhookEvent;

/**
 * The events this web application's catch-all handler saw, for {@code GET /events}. Static because the zero-code
 * configuration creates the handler itself; one web application has one copy (its own class loader).
 */
final class RecentEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 1000;
    private static final ArrayNode ENTRIES = JSON.createArrayNode();

    private RecentEvents() {
    }

    static void add(WebhookEvent<?> event) {
        ObjectNode entry = JSON.createObjectNode()
                .put("provider", event.provider())
                .put("event", event.name())
                .put("key", event.key());
        // The data member as received; JSON null when the delivery had none.
        entry.set("data", event.json().has("data") ? event.json().get("data") : JSON.nullNode());
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
}
