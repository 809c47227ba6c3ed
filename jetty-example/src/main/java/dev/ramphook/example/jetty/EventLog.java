package dev.ramphook.example.jetty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.Masking;
import dev.ramphook.WebhookEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the example's catch-all handler saw: the latest {@value #KEPT} invocations in memory for {@code GET /events}
 * and, when a file is given, every invocation appended to it as one JSON line. Both show what the typed records
 * show: secrets masked (the library's one rule, {@link Masking}), a {@code data} member over
 * {@value #MAX_DATA_CHARS} characters replaced by its size, and every other text (provider, event name, key) cut at
 * {@value #MAX_TEXT_CHARS} characters, so each entry, memory and every answer stay bounded whatever a signed
 * delivery carries.
 *
 * <p>Deliveries and readers share no lock: entries go into a ring of immutable, pre-rendered JSON texts, each
 * with a sequence number, and a page is read from it as it is. Only appends to the file are serialised, among
 * deliveries.
 */
final class EventLog {

    static final int KEPT = 1_000;
    /** Larger data is shown as its size: a 1 MiB body must not make every page 1 MiB larger. */
    static final int MAX_DATA_CHARS = 8_192;
    /** Longer names, keys and provider ids are cut: a signed 512 KiB event name must not make a 1 MiB entry. */
    static final int MAX_TEXT_CHARS = 256;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One rendered entry; {@code seq} tells a reader whether the slot still holds the entry it looked for. */
    private record Entry(long seq, String json) {
    }

    private final AtomicReferenceArray<Entry> ring = new AtomicReferenceArray<>(KEPT);
    private final AtomicLong next = new AtomicLong(1);
    private final Object fileLock = new Object();
    private final Path file;

    /** @param file where to append JSON lines, or {@code null} for memory only */
    EventLog(Path file) {
        this.file = file;
    }

    void add(WebhookEvent<?> event) {
        long seq = next.getAndIncrement();
        ObjectNode entry = JSON.createObjectNode()
                .put("seq", seq)
                .put("provider", bounded(event.provider()))
                .put("event", bounded(event.name()))
                .put("short_name", bounded(event.shortName()))
                .put("key", bounded(event.key()));
        event.occurredAt().ifPresent(at -> entry.put("occurred_at", bounded(at.toString())));
        entry.set("data", shown(dataOf(event.json())));
        String line = entry.toString();
        ring.set((int) (seq % KEPT), new Entry(seq, line));
        if (file != null) {
            synchronized (fileLock) { // deliveries only: GET /events never waits for the file
                append(line + "\n");
            }
        }
    }

    /**
     * The delivery's {@code data} member; for a provider whose deliveries have none (Ramp Network, Revolut Ramp,
     * Onramper, and Transak, whose {@link WebhookEvent#json()} is the verified JWT's claims) the whole document, so
     * that no provider's entry shows {@code null}.
     */
    static JsonNode dataOf(JsonNode json) {
        return json.has("data") ? json.get("data") : json;
    }

    /** The data member as a page shows it: masked, and replaced by its size when large. */
    static JsonNode shown(JsonNode data) {
        JsonNode masked = Masking.json(data);
        String text = masked.toString();
        if (text.length() <= MAX_DATA_CHARS) {
            return masked;
        }
        return JSON.createObjectNode().put("omitted", "data of " + text.length() + " characters; see the handler's"
                + " typed record or the event store");
    }

    /** The text masked, and cut to {@value #MAX_TEXT_CHARS} characters with how long it was. */
    static String bounded(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() > MAX_TEXT_CHARS) {
            return Masking.text(text.substring(0, MAX_TEXT_CHARS)) + "… (" + text.length() + " characters)";
        }
        return Masking.text(text);
    }

    /**
     * Up to {@code limit} of the latest entries with a sequence number below {@code before}, oldest first, as a
     * JSON array; at most {@code maxChars} characters of entries (always at least one entry).
     */
    String page(int limit, long before, int maxChars) {
        long newest = Math.min(before - 1, next.get() - 1);
        List<String> taken = new ArrayList<>();
        int chars = 2;
        for (long seq = newest; seq > 0 && seq > newest - KEPT && taken.size() < limit; seq--) {
            Entry entry = ring.get((int) (seq % KEPT));
            if (entry == null || entry.seq() != seq) {
                continue; // not written yet by a concurrent delivery, or already overwritten
            }
            if (!taken.isEmpty() && chars + entry.json().length() + 1 > maxChars) {
                break;
            }
            taken.add(entry.json());
            chars += entry.json().length() + 1;
        }
        Collections.reverse(taken);
        return "[" + String.join(",", taken) + "]";
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
