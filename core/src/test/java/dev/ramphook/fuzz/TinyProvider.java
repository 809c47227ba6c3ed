package dev.ramphook.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import java.util.HexFormat;
import java.util.Map;

/** The smallest honest provider: {@code {"event": name, "id": key?, "data": …}}; key falls back to the body hash. */
final class TinyProvider implements Provider {

    @Override
    public String id() {
        return "tiny";
    }

    @Override
    public Map<String, Class<?>> eventTypes() {
        return Map.of("thing.happened", JsonNode.class);
    }

    @Override
    public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
        JsonNode event = json.get("event");
        if (event == null || !event.isTextual() || event.asText().isBlank()) {
            throw new InvalidPayloadException("no event name");
        }
        JsonNode id = json.get("id");
        String key = id != null && id.isTextual() && !id.asText().isEmpty() ? id.asText() : sha256(rawBody);
        JsonNode data = json.has("data") ? json.get("data") : json;
        return new WebhookEvent<>("tiny", event.asText(), event.asText(), key, null, data, json);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
