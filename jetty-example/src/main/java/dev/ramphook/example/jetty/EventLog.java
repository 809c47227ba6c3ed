package dev.ramphook.example.jetty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.WebhookEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the example's catch-all handler saw: the latest {@value #KEPT} invocations kept in memory for
 * {@code GET /events} (bounded, so a load test cannot fill the heap) and, when a file is given, every invocation
 * appended to it as one JSON line.
 */
final class EventLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final int KEPT = 10_000;

    private final Deque<ObjectNode> entries = new ArrayDeque<>();
    private final Path file;

    /** @param file where to append JSON lines, or {@code null} for memory only */
    EventLog(Path file) {
        this.file = file;
    }

    void add(WebhookEvent<?> event) {
        ObjectNode entry = JSON.createObjectNode()
                .put("provider", event.provider())
                .put("event", event.name())
                .put("short_name", event.shortName())
                .put("key", event.key());
        event.occurredAt().ifPresent(at -> entry.put("occurred_at", at.toString()));
        // The data member as received; JSON null when the delivery had none.
        entry.set("data", event.json().has("data") ? event.json().get("data") : JSON.nullNode());
        synchronized (this) {
            if (entries.size() == KEPT) {
                entries.removeFirst();
            }
            entries.addLast(entry);
            if (file != null) {
                append(entry.toString() + "\n");
            }
        }
    }

    synchronized String toJson() {
        ArrayNode array = JSON.createArrayNode();
        entries.forEach(array::add);
        return array.toString();
    }

    private void append(String line) {
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // Thrown to the receiver: the delivery fails and the provider retries, rather than losing the line.
            throw new UncheckedIOException("cannot append to EVENT_LOG " + file, e);
        }
    }
}
