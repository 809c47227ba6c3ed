package dev.ramphook.testing.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import java.util.Map;

/** A minimal provider for configuration tests: {@code {"event": name, "id": key, "data": {...}}}. */
public final class EchoProvider implements Provider {

    @Override
    public String id() {
        return "echo";
    }

    @Override
    public Map<String, Class<?>> eventTypes() {
        return Map.of("echo.sent", JsonNode.class);
    }

    @Override
    public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
        JsonNode name = json.get("event");
        if (name == null || !name.isTextual()) {
            throw new InvalidPayloadException("missing event");
        }
        JsonNode data = json.path("data");
        return new WebhookEvent<>(id(), name.asText(), name.asText(), json.path("id").asText(name.asText()), null,
                data, json);
    }
}
