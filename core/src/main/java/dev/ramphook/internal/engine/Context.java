package dev.ramphook.internal.engine;

import dev.ramphook.DeliveryContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@link DeliveryContext} handed to handlers, rebuilt from the stored event on every attempt. */
final class Context implements DeliveryContext {

    private final int attempt;
    private final Instant receivedAt;
    private final String endpoint;
    private final Map<String, List<String>> stored;
    private Map<String, List<String>> headers; // case-insensitive view, built on first use: most handlers never ask

    Context(int attempt, Instant receivedAt, String endpoint, Map<String, List<String>> headers) {
        this.attempt = attempt;
        this.receivedAt = receivedAt;
        this.endpoint = endpoint;
        this.stored = headers;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public Instant receivedAt() {
        return receivedAt;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    @Override
    public List<String> headers(String name) {
        if (Headers.isCredential(name)) {
            return List.of();
        }
        if (headers == null) {
            Map<String, List<String>> view = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            view.putAll(stored);
            headers = view;
        }
        return headers.getOrDefault(name, List.of());
    }

    @Override
    public String toString() {
        return "DeliveryContext[attempt=" + attempt + ", endpoint=" + endpoint + ", receivedAt=" + receivedAt + "]";
    }
}
