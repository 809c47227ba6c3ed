package dev.ramphook.testing;

import dev.ramphook.WebhookRequest;
import java.nio.charset.StandardCharsets;

/** Builds typical deliveries for tests. */
public final class Requests {

    private Requests() {
    }

    /** A JSON POST to {@code path} with {@code body}. */
    public static WebhookRequest post(String path, String body) {
        return WebhookRequest.builder().method("POST").path(path)
                .header("Content-Type", "application/json")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .remoteAddress("127.0.0.1")
                .build();
    }

    /** A JSON POST to {@code path?query} with {@code body}. */
    public static WebhookRequest post(String path, String query, String body) {
        return WebhookRequest.builder().method("POST").path(path).query(query)
                .header("Content-Type", "application/json")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .remoteAddress("127.0.0.1")
                .build();
    }
}
