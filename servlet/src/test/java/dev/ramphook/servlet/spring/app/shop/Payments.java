package dev.ramphook.servlet.spring.app.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.testing.http.WebhookContainerContract;
import org.springframework.stereotype.Component;

/** The application's handler: a plain bean, found by its {@code @OnEvent} method. One instance per application. */
@Component
public class Payments {

    private final ObjectMapper json = new ObjectMapper();
    private final ArrayNode received = json.createArrayNode();

    @OnEvent("*")
    void any(WebhookEvent<?> event) {
        ObjectNode entry = json.createObjectNode()
                .put("provider", event.provider())
                .put("event", event.name())
                .put("key", event.key());
        entry.set("data", WebhookContainerContract.dataOf(event.json()));
        synchronized (received) {
            received.add(entry);
        }
    }

    /** What arrived, as the contract's {@code GET /events} serves it. */
    public String receivedJson() {
        synchronized (received) {
            return received.toString();
        }
    }
}
