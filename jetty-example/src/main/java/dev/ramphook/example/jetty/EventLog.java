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
 * <p>Deliveries and readers share no lock: entries go into a ring, each with a sequence number, and a page is read
 * from it as it is. A delivery only records what its entry will show (the texts and the data tree it already has);
 * the entry is rendered and masked when a page first shows it, because pages are read far less often than events
 * arrive (issue 21: rendering and masking every event was most of the example's handler CPU). An entry that could be
 * large (a text over {@value #MAX_TEXT_CHARS} characters, data over {@value #MAX_DATA_CHARS} characters) is rendered
 * at once, so the ring never holds a large tree; and so is every entry when the file is written. Only appends to
 * the file are serialised, among deliveries.
 */
final class EventLog {

    static final int KEPT = 1_000;
    /** Larger data is shown as its size: a 1 MiB body must not make every page 1 MiB larger. */
    static final int MAX_DATA_CHARS = 8_192;
    /** Longer names, keys and provider ids are cut: a signed 512 KiB event name must not make a 1 MiB entry. */
    static final int MAX_TEXT_CHARS = 256;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One entry; {@code seq} tells a reader whether the slot still holds the entry it looked for. Either rendered, or
     * the small parts it is rendered from on first read ({@code json} is then published racily: a String is
     * immutable, and two readers rendering it at once render the same text).
     */
    private static final class Entry {
        final long seq;
        private final WebhookEvent<?> event;
        private final JsonNode data;
        private String json;

        Entry(long seq, WebhookEvent<?> event, JsonNode data) {
            this.seq = seq;
            this.event = event;
            this.data = data;
        }

        Entry(long seq, String json) {
            this(seq, null, null);
            this.json = json;
        }

        long seq() {
            return seq;
        }

        String json() {
            String rendered = json;
            if (rendered == null) {
                rendered = render(seq, event, data);
                json = rendered;
            }
            return rendered;
        }
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
        JsonNode data = dataOf(event.json());
        if (file == null && small(event, data)) {
            keep(new Entry(seq, event, data));
            return;
        }
        String line = render(seq, event, data);
        keep(new Entry(seq, line));
        if (file != null) {
            synchronized (fileLock) { // deliveries only: GET /events never waits for the file
                append(line + "\n");
            }
        }
    }

    /**
     * Puts {@code entry} in its slot unless a newer entry holds it: a delivery that took its number a thousand
     * deliveries ago and was descheduled before writing must not overwrite the entry of a delivery already answered.
     */
    private void keep(Entry entry) {
        int slot = (int) (entry.seq() % KEPT);
        Entry current;
        do {
            current = ring.get(slot);
            if (current != null && current.seq() > entry.seq()) {
                return; // fell out of the ring while it was being written
            }
        } while (!ring.compareAndSet(slot, current, entry));
    }

    private static String render(long seq, WebhookEvent<?> event, JsonNode data) {
        ObjectNode entry = JSON.createObjectNode()
                .put("seq", seq)
                .put("provider", bounded(event.provider()))
                .put("event", bounded(event.name()))
                .put("short_name", bounded(event.shortName()))
                .put("key", bounded(event.key()));
        event.occurredAt().ifPresent(at -> entry.put("occurred_at", bounded(at.toString())));
        entry.set("data", shown(data));
        return entry.toString();
    }

    /**
     * Whether the entry may wait for its first read: its texts within {@value #MAX_TEXT_CHARS} characters and its
     * data's members' names and values within about {@value #MAX_DATA_CHARS} characters (counted without rendering;
     * keeping the tree keeps it alive, so a larger one is rendered, and shown as its size, at once).
     */
    private static boolean small(WebhookEvent<?> event, JsonNode data) {
        return fits(event.provider()) && fits(event.name()) && fits(event.shortName()) && fits(event.key())
                && chars(data, 0) <= MAX_DATA_CHARS;
    }

    private static boolean fits(String text) {
        return text == null || text.length() <= MAX_TEXT_CHARS;
    }

    /** A lower bound of the data's rendered length, counting on from {@code counted}; stops past the bound. */
    private static int chars(JsonNode node, int counted) {
        if (counted > MAX_DATA_CHARS) {
            return counted;
        }
        if (node.isObject()) {
            for (var member : node.properties()) {
                counted = chars(member.getValue(), counted + member.getKey().length() + 3);
                if (counted > MAX_DATA_CHARS) {
                    return counted;
                }
            }
            return counted + 2;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                counted = chars(element, counted + 1);
                if (counted > MAX_DATA_CHARS) {
                    return counted;
                }
            }
            return counted + 2;
        }
        return counted + (node.isTextual() ? node.textValue().length() + 2 : 1);
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
