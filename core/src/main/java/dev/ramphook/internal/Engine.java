package dev.ramphook.internal;

import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.store.StoredEvent;
import java.util.List;

/** The receiver's engine. (Skeleton: the pipeline lands in the next commit.) */
public final class Engine {

    private final EngineConfig config;

    private Engine(EngineConfig config) {
        this.config = config;
    }

    public static Engine start(EngineConfig config) {
        return new Engine(config);
    }

    public WebhookResponse receive(WebhookRequest request) {
        throw new UnsupportedOperationException("pipeline not yet written");
    }

    public boolean handles(String path) {
        return config.endpoints().stream().anyMatch(e -> e.path().equals(path));
    }

    public int maxBodyBytes() {
        return config.maxBodyBytes();
    }

    public List<StoredEvent> deadLetters(int limit) {
        return config.store().deadLetters(limit);
    }

    public boolean replay(String provider, String key) {
        return config.store().replay(provider, key, config.clock().instant());
    }

    public void close() {
    }
}
