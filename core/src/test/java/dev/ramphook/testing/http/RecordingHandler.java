package dev.ramphook.testing.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;

/**
 * A catch-all handler that remembers what it got, served as JSON at {@code GET <base>/events} by each stack's test
 * application (the servlet module's {@code EventsServlet}, for one). Static because the
 * zero-code configuration instantiates it by class name; each test server runs in its own class and store.
 */
public final class RecordingHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ArrayNode RECEIVED = JSON.createArrayNode();

    @OnEvent("*")
    void any(WebhookEvent<?> event) {
        ObjectNode entry = JSON.createObjectNode()
                .put("provider", event.provider())
                .put("event", event.name())
                .put("key", event.key());
        entry.set("data", WebhookContainerContract.dataOf(event.json()));
        synchronized (RECEIVED) {
            RECEIVED.add(entry);
        }
    }

    /** Everything received so far, as a JSON array. */
    public static String receivedJson() {
        synchronized (RECEIVED) {
            return RECEIVED.toString();
        }
    }
}
