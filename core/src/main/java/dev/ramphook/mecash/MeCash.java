package dev.ramphook.mecash;

import static dev.ramphook.provider.JsonFields.instantAssumingUtc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.internal.provider.BoundedKeys;
import dev.ramphook.provider.EventKeys;
import dev.ramphook.provider.JsonFields;
import dev.ramphook.provider.TypedFields;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * meCash (provider id {@code mecash}): {@code ramp.payout.*} typed as {@link MeCashPayout}; fiat
 * {@code payout.*}, {@code collection.*} and {@code virtualaccount.*} typed as {@link MeCashFiatTransaction}. The event
 * name is the envelope's {@code event} field; meCash names have no namespace, so the short name is the name.
 *
 * <p>Deduplication key, built from parsed values: {@code <event name>:<data.id>} (or {@code data.transaction_id};
 * a JSON string or integer), followed by {@code :<webhook_id>} when the envelope has one; without a transaction id,
 * {@code json-sha256:<hex of the body's canonical form>} (sorted keys, no whitespace, numbers by value: see
 * {@link EventKeys#canonicalHash}). Keys longer than 200 characters are hashed ({@link EventKeys#bounded}).
 *
 * <p>{@link WebhookEvent#occurredAt()}, first that parses: the envelope's {@code timestamp} (ISO-8601 with a zone
 * or offset; zone-less, taken as UTC; or whole Unix seconds, or milliseconds when above 10<sup>11</sup>); else
 * {@code data.processed}; else {@code data.created}. meCash's data timestamps carry no zone and are taken as UTC.
 *
 * <p>Data whose {@code data} is not an object, that lacks a field meCash always sends, or that has a field of
 * another shape, is delivered as the JSON node, with one WARN line naming the event and the field (never a payload
 * value): a typed record never holds a null where meCash documents a value.
 *
 * <p>Authentication: meCash's pages disagree. The default ({@link #defaultAuthenticator}, {@link #signature}) is the
 * one its "Ramp Webhook" page documents, {@code X-Signature} holding the hex HMAC-SHA512 of the raw body;
 * {@link #sha256Signature} is its other page's {@code X-meCash-Signature: sha256=<hex HMAC-SHA256>}.
 *
 * <p>Immutable and thread-safe.
 */
// Every key is already bounded, so the engine does not scan it again (the internal marker BoundedKeys;
// MeCashKeyOracleTest asserts it); the subject is the id as read, which the engine bounds. "exports": the marker has
// no methods and is not exported: nothing a caller can name or use, only what the engine asks with instanceof. Not
// in the Javadoc above, which documents the API: the marker is not part of it.
@SuppressWarnings("exports")
public final class MeCash implements Provider, BoundedKeys {

    private static final MeCash INSTANCE = new MeCash();

    /** For {@link java.util.ServiceLoader}; in code, use {@link #provider()}. */
    public MeCash() {
    }

    /**
     * The provider to give {@code WebhookReceiver.Builder.endpoint} for meCash deliveries.
     *
     * @return the shared, stateless, thread-safe instance
     */
    public static MeCash provider() {
        return INSTANCE;
    }

    /**
     * meCash's documented default: {@code X-Signature} holding the hex HMAC-SHA512 of the raw body, keyed with the
     * endpoint's secret from the dashboard.
     *
     * @param secrets the secret; several while it rotates
     * @return a new authenticator
     * @throws IllegalArgumentException when no secret is given or one is empty
     */
    public static HmacSignature signature(String... secrets) {
        return HmacSignature.sha512Hex("X-Signature", secrets);
    }

    /**
     * meCash's other documented scheme: {@code X-meCash-Signature: sha256=<hex HMAC-SHA256 of the raw body>}.
     *
     * @param secrets the secret; several while it rotates
     * @return a new authenticator
     * @throws IllegalArgumentException when no secret is given or one is empty
     */
    public static HmacSignature sha256Signature(String... secrets) {
        return HmacSignature.sha256Hex("X-meCash-Signature", secrets).prefix("sha256=");
    }

    /**
     * {@link #signature}: {@code X-Signature}, hex HMAC-SHA512 of the raw body.
     *
     * @param secrets the secret; several while it rotates
     * @return a new authenticator
     * @throws IllegalArgumentException when no secret is given or one is empty
     */
    @Override
    public HmacSignature defaultAuthenticator(String... secrets) {
        return signature(secrets);
    }

    @Override
    public String id() {
        return "mecash";
    }

    @Override
    public Map<String, Class<?>> eventTypes() {
        return MeCashNames.types();
    }

    @Override
    public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
        String name = JsonFields.text(json, "event");
        MeCashNames.Known known = name == null ? null : MeCashNames.find(name);
        if (known != null) {
            name = known.name(); // the table's own String: hashed once per JVM, found by identity downstream
        } else if (name == null || name.isBlank()) { // as nonBlankText, which a documented name passes
            throw new InvalidPayloadException("missing event name");
        }
        JsonNode data = JsonFields.object(json, "data");
        Object typed = data(name, known == null ? null : known.type(), data, json);
        return new WebhookEvent<>(id(), name, name, key(json, data, name, known != null, typed),
                occurredAt(json, data, typed), typed, json);
    }

    /**
     * The transaction or payout id ({@code data.id}): one transaction's events run one at a time, in order. Taken
     * from the typed record when the event has one (the mapping read the same field), else from the JSON.
     */
    @Override
    public Optional<String> subject(WebhookEvent<?> event) {
        Object data = event.data();
        String id = data instanceof MeCashPayout payout ? payout.id()
                : data instanceof MeCashFiatTransaction transaction ? transaction.id()
                : MeCashMapper.id(JsonFields.object(event.json(), "data"));
        return id == null || id.isBlank() ? Optional.empty() : Optional.of(id);
    }

    private Object data(String name, Class<?> type, JsonNode data, ObjectNode json) {
        TypedFields f = TypedFields.of(id(), name);
        if (data == null) {
            return type == null ? json : f.untyped(json, "has no data object");
        }
        if (type == null) {
            return data;
        }
        Object typed;
        try {
            typed = type == MeCashPayout.class ? MeCashMapper.payout(data, f) : MeCashMapper.fiatTransaction(data, f);
        } catch (RuntimeException e) {
            // Field readers do not throw, so this is a bug or a shape nobody foresaw: the event must still count.
            // The exception's message may quote payload values, so only its type is logged.
            return f.untyped(data, "could not be mapped (" + e.getClass().getName() + ")");
        }
        return f.typedOr(typed, data);
    }

    /**
     * The key from the transaction id. A typed record has read it already (a payout's {@code data.id}, a fiat
     * transaction's {@code data.id} or {@code data.transaction_id}, by the same reader, never blank), so it is
     * taken from there rather than looked up and checked a second time. A documented name has no control character
     * (the table's own text): then only the ids are scanned, not the whole key again; the key is the same as
     * {@link EventKeys#bounded} of it.
     */
    private static String key(ObjectNode json, JsonNode data, String name, boolean knownName, Object typed) {
        String id = typed instanceof MeCashPayout payout ? payout.id()
                : typed instanceof MeCashFiatTransaction transaction ? transaction.id()
                : MeCashMapper.id(data);
        if (id == null) {
            return EventKeys.canonicalHash(json);
        }
        String webhookId = JsonFields.idText(json, "webhook_id");
        String key = webhookId == null ? name + ":" + id : name + ":" + id + ":" + webhookId;
        if (key.length() <= EventKeys.MAX_KEY_CHARS && (knownName || !EventKeys.hasControlCharacter(name))
                && !EventKeys.hasControlCharacter(id)
                && (webhookId == null || !EventKeys.hasControlCharacter(webhookId))) {
            return key; // what bounded answers for it, without a second scan of the name
        }
        return EventKeys.bounded(key);
    }

    /**
     * The envelope's {@code timestamp}, else {@code data.processed}, else {@code data.created}. A typed record has
     * read both times already (the same reader: {@link JsonFields#instantAssumingUtc} at UTC), so they are taken
     * from it rather than parsed a second time (meCash sends no envelope timestamp: every delivery got here).
     */
    private static Instant occurredAt(ObjectNode json, JsonNode data, Object typed) {
        Instant epoch = JsonFields.epochInstant(json, "timestamp");
        if (epoch != null) {
            return epoch;
        }
        Instant instant = instantAssumingUtc(json, "timestamp");
        if (instant != null) {
            return instant;
        }
        if (typed instanceof MeCashPayout payout) {
            return payout.processed().orElse(payout.created()).toInstant(ZoneOffset.UTC);
        }
        if (typed instanceof MeCashFiatTransaction transaction) {
            return transaction.processed().or(transaction::created).map(t -> t.toInstant(ZoneOffset.UTC))
                    .orElse(null);
        }
        instant = instantAssumingUtc(data, "processed");
        return instant != null ? instant : instantAssumingUtc(data, "created");
    }

    @Override
    public String toString() {
        return "MeCash";
    }
}
