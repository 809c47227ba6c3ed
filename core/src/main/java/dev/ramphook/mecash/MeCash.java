package dev.ramphook.mecash;

import static dev.ramphook.internal.JsonFields.instantAssumingUtc;
import static dev.ramphook.internal.JsonFields.nonBlankText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.internal.JsonFields;
import dev.ramphook.internal.Logs;
import dev.ramphook.internal.TypedFields;
import dev.ramphook.internal.Printable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * meCash (provider id {@code mecash}): {@code ramp.payout.*} typed as {@link RampPayout}; fiat
 * {@code payout.*}, {@code collection.*} and {@code virtualaccount.*} typed as {@link FiatTransaction}. The event
 * name is the envelope's {@code event} field; meCash names have no namespace, so the short name is the name.
 *
 * <p>Deduplication key, built from parsed values: {@code <event name>:<data.id>} (or {@code data.transaction_id};
 * a JSON string or integer), followed by {@code :<webhook_id>} when the envelope has one; without a transaction id,
 * {@code json-sha256:<hex of the body's canonical form>} (sorted keys, no whitespace, numbers by value: see
 * {@link JsonFields#canonicalHashKey}). Keys longer than 200 characters are hashed ({@link JsonFields#boundedKey}).
 *
 * <p>{@link WebhookEvent#occurredAt()}, first that parses: the envelope's {@code timestamp} (ISO-8601 with a zone
 * or offset; zone-less, taken as UTC; or whole Unix seconds, or milliseconds when above 10<sup>11</sup>); else
 * {@code data.processed}; else {@code data.created}. meCash's data timestamps carry no zone and are taken as UTC.
 *
 * <p>Data whose {@code data} is not an object, that lacks a field meCash always sends, or that has a field of
 * another shape, is delivered as the JSON node, with one WARN line naming the event and the field (never a payload
 * value): a typed record never holds a null where meCash documents a value. Immutable and thread-safe.
 */
public final class MeCash implements Provider {

    private static final MeCash INSTANCE = new MeCash();
    private static final Logger log = Logs.get(MeCash.class);
    /** Below this an integral timestamp is seconds (until the year 5138), above it milliseconds. */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;
    private static final Map<String, Class<?>> EVENT_TYPES = eventTypeTable();

    /** For {@link java.util.ServiceLoader}; in code, use {@link #provider()}. */
    public MeCash() {
    }

    /** The shared instance. */
    public static MeCash provider() {
        return INSTANCE;
    }

    @Override
    public String id() {
        return "mecash";
    }

    @Override
    public Map<String, Class<?>> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
        String name = nonBlankText(json, "event");
        if (name == null) {
            throw new InvalidPayloadException("missing event name");
        }
        JsonNode data = JsonFields.object(json, "data");
        return new WebhookEvent<>(id(), name, name, key(json, data, name), occurredAt(json, data),
                data(name, data, json), json);
    }

    /** The transaction or payout id ({@code data.id}): one transaction's events run one at a time, in order. */
    @Override
    public Optional<String> subject(WebhookEvent<?> event) {
        String id = MeCashMapper.id(JsonFields.object(event.json(), "data"));
        return id == null || id.isBlank() ? Optional.empty() : Optional.of(id);
    }

    private static Object data(String name, JsonNode data, ObjectNode json) {
        Class<?> type = EVENT_TYPES.get(name);
        if (data == null) {
            if (type != null) {
                log.warn("mecash: {} has no data object; delivering it untyped", Printable.of(name));
            }
            return json;
        }
        if (type == null) {
            return data;
        }
        TypedFields f = new TypedFields();
        Object typed;
        try {
            typed = type == RampPayout.class ? MeCashMapper.rampPayout(data, f) : MeCashMapper.fiatTransaction(data, f);
        } catch (RuntimeException e) {
            // Field readers do not throw, so this is a bug or a shape nobody foresaw: the event must still count.
            // The exception's message may quote payload values, so only its type is logged.
            log.warn("mecash: could not map {} ({}); delivering it untyped", Printable.of(name),
                    e.getClass().getName());
            return data;
        }
        if (f.problem().isPresent()) {
            // Never a typed record with a null where meCash documents a value: untyped, naming the field only.
            log.warn("mecash: {} cannot be typed as {}: {}; delivering it untyped", Printable.of(name),
                    type.getSimpleName(), f.problem().get());
            return data;
        }
        return typed;
    }

    private static String key(ObjectNode json, JsonNode data, String name) {
        String id = MeCashMapper.id(data);
        if (id == null) {
            return JsonFields.canonicalHashKey(json);
        }
        String webhookId = JsonFields.idText(json, "webhook_id");
        return JsonFields.boundedKey(webhookId == null ? name + ":" + id : name + ":" + id + ":" + webhookId);
    }

    private static Instant occurredAt(ObjectNode json, JsonNode data) {
        JsonNode timestamp = json.get("timestamp");
        if (timestamp != null && timestamp.isIntegralNumber() && timestamp.canConvertToLong()) {
            long value = timestamp.longValue();
            // Not Math.abs: abs(Long.MIN_VALUE) is negative, and ofEpochSecond(Long.MIN_VALUE) throws
            boolean seconds = value > -MILLIS_THRESHOLD && value < MILLIS_THRESHOLD;
            return seconds ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
        }
        Instant instant = instantAssumingUtc(json, "timestamp");
        if (instant == null) {
            instant = instantAssumingUtc(data, "processed");
        }
        return instant != null ? instant : instantAssumingUtc(data, "created");
    }

    private static Map<String, Class<?>> eventTypeTable() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (String state : new String[] {"completed", "failed", "pending", "refund"}) {
            types.put("ramp.payout." + state, RampPayout.class);
        }
        for (String name : new String[] {"payout.completed", "payout.failed", "payout.pending",
                "collection.completed", "collection.failed", "virtualaccount.completed", "virtualaccount.failed"}) {
            types.put(name, FiatTransaction.class);
        }
        return Collections.unmodifiableMap(types);
    }

    @Override
    public String toString() {
        return "MeCash";
    }
}
