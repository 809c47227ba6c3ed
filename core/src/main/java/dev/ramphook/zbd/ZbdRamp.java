package dev.ramphook.zbd;

import static dev.ramphook.internal.JsonFields.instant;
import static dev.ramphook.internal.JsonFields.map;
import static dev.ramphook.internal.JsonFields.nonBlankText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.internal.JsonFields;
import dev.ramphook.internal.Logs;
import dev.ramphook.internal.Printable;
import dev.ramphook.internal.TypedFields;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * ZBD Ramp (provider id {@code zbd}): the 17 documented {@code RAMP_WIDGET.V1.*} events, typed as
 * {@link ZbdSession}, {@link ZbdAccessToken}, {@link ZbdPayment} and {@link ZbdWithdrawal}.
 *
 * <p>The event name is the envelope's {@code event} field, or its {@code type} field for the
 * {@code {id: "evt_…", type, created_at, livemode, data}} envelope another ZBD page shows. Undocumented names parse
 * too, with the {@code data} object (or, without one, the whole document) as their data.
 *
 * <p>Deduplication key, built from parsed values, first that applies: the envelope's {@code id}; else
 * {@code <event name>:<data.session_id>:<created_at>} with {@code created_at} as a normalised instant
 * ({@code …11:05:00Z}, {@code …11:05:00.000Z} and {@code …12:05:00+01:00} are one event; ZBD has no event id and tells
 * integrators to deduplicate on the session, which emits many events); else
 * {@code json-sha256:<hex of the body's canonical form>} (sorted keys, no whitespace, numbers by value: see
 * {@link JsonFields#canonicalHashKey}). Keys longer than 200 characters are hashed ({@link JsonFields#boundedKey}).
 * {@link WebhookEvent#occurredAt()} is {@code created_at}, empty when it is absent or has no zone or offset.
 *
 * <p>Immutable and thread-safe.
 */
public final class ZbdRamp implements Provider {

    /** The namespace that {@link #shortName} strips. */
    private static final String PREFIX = "RAMP_WIDGET.V1.";
    private static final ZbdRamp INSTANCE = new ZbdRamp();
    private static final Logger log = Logs.get(ZbdRamp.class);
    private static final Map<String, Class<?>> EVENT_TYPES = eventTypeTable();

    /** For {@link java.util.ServiceLoader}; in code, use {@link #provider()}. */
    public ZbdRamp() {
    }

    /** The shared instance. */
    public static ZbdRamp provider() {
        return INSTANCE;
    }

    @Override
    public String id() {
        return "zbd";
    }

    @Override
    public Map<String, Class<?>> eventTypes() {
        return EVENT_TYPES;
    }

    /** Strips {@code RAMP_WIDGET.V1.}, exactly that prefix; any other name is its own short name. */
    @Override
    public String shortName(String eventName) {
        return eventName.startsWith(PREFIX) && eventName.length() > PREFIX.length()
                ? eventName.substring(PREFIX.length())
                : eventName;
    }

    @Override
    public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
        String name = nonBlankText(json, "event");
        if (name == null) {
            name = nonBlankText(json, "type");
        }
        if (name == null) {
            throw new InvalidPayloadException("missing event name");
        }
        JsonNode data = JsonFields.object(json, "data");
        return new WebhookEvent<>(id(), name, shortName(name), key(json, data, name),
                instant(json, "created_at"), data(name, data, json), json);
    }

    /** The ramp session ({@code data.session_id}): one session's events run one at a time, in order. */
    @Override
    public Optional<String> subject(WebhookEvent<?> event) {
        return Optional.ofNullable(nonBlankText(JsonFields.object(event.json(), "data"), "session_id"));
    }

    private static Object data(String name, JsonNode data, ObjectNode json) {
        Class<?> type = EVENT_TYPES.get(name);
        if (data == null) {
            if (type != null) {
                // The name is ours but the body is not: the event still counts, as JSON. Name only, no values.
                log.warn("zbd: {} has no data object; delivering it untyped", Printable.of(name));
            }
            return json;
        }
        TypedFields f = new TypedFields();
        Object typed = typed(type, data, f);
        if (typed == null) {
            return data;
        }
        if (f.problem().isPresent()) {
            // A documented field missing or of another shape: a typed record would hold a null where money or a
            // session is expected. Deliver it untyped, naming the field only (values may be personal data).
            log.warn("zbd: {} cannot be typed as {}: {}; delivering it untyped", Printable.of(name),
                    type.getSimpleName(), f.problem().get());
            return data;
        }
        return typed;
    }

    private static Object typed(Class<?> type, JsonNode data, TypedFields f) {
        if (type == ZbdSession.class) {
            return new ZbdSession(f.text(data, "data", "email"), f.id(data, "data", "session_id"), metadata(data, f));
        }
        if (type == ZbdAccessToken.class) {
            return new ZbdAccessToken(f.text(data, "data", "email"), f.id(data, "data", "session_id"),
                    f.text(data, "data", "access_token_id"), token(f.text(data, "data", "access_token")),
                    f.instant(data, "data", "access_token_expires_at"),
                    token(f.text(data, "data", "refresh_token")), f.instant(data, "data", "refresh_token_expires_at"),
                    metadata(data, f));
        }
        if (type == ZbdPayment.class) {
            return new ZbdPayment(f.text(data, "data", "email"), f.id(data, "data", "session_id"),
                    f.decimal(data, "data", "base_amount"), f.text(data, "data", "base_currency"),
                    f.decimal(data, "data", "quote_amount"), f.text(data, "data", "quote_currency"),
                    metadata(data, f));
        }
        if (type == ZbdWithdrawal.class) {
            return new ZbdWithdrawal(f.text(data, "data", "email"), f.id(data, "data", "session_id"),
                    f.decimal(data, "data", "base_amount"), f.text(data, "data", "base_currency"),
                    f.decimal(data, "data", "quote_amount"), f.text(data, "data", "quote_currency"),
                    f.text(data, "data", "destination"),
                    f.optionalText(data, "data", "payment_hash").filter(hash -> !hash.isBlank()),
                    metadata(data, f));
        }
        return null;
    }

    /** The integrator's metadata: empty when absent; another shape than an object does not fit. */
    private static Map<String, Object> metadata(JsonNode data, TypedFields f) {
        return f.optionalObject(data, "data", "metadata").isPresent() ? map(data, "metadata") : Map.of();
    }

    private static SecretToken token(String value) {
        return value == null ? null : new SecretToken(value);
    }

    private static String key(ObjectNode json, JsonNode data, String name) {
        String id = JsonFields.idText(json, "id");
        if (id != null) {
            return JsonFields.boundedKey(id);
        }
        String session = JsonFields.idText(data, "session_id");
        Instant createdAt = instant(json, "created_at"); // a value: 11:05:00Z, 11:05:00.000Z, 12:05:00+01:00 agree
        if (session != null && createdAt != null) {
            return JsonFields.boundedKey(name + ":" + session + ":" + createdAt);
        }
        return JsonFields.canonicalHashKey(json);
    }

    private static Map<String, Class<?>> eventTypeTable() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (String step : new String[] {"SESSION.INITIATED", "SESSION.CLOSED",
                "CODE_VERIFICATION.SUCCEEDED", "CODE_VERIFICATION.FAILED",
                "KYC.INITIATED", "KYC.PROCESSING", "KYC.COMPLETED", "KYC.REJECTED",
                "BANK_CONNECTION.INITIATED", "BANK_CONNECTION.COMPLETED", "BANK_CONNECTION.FAILED"}) {
            types.put(PREFIX + step, ZbdSession.class);
        }
        types.put(PREFIX + "USER_ACCESS_TOKEN.CREATED", ZbdAccessToken.class);
        for (String outcome : new String[] {"INITIATED", "SETTLED", "FAILED"}) {
            types.put(PREFIX + "PAYMENT." + outcome, ZbdPayment.class);
        }
        types.put(PREFIX + "WITHDRAWAL.SUCCEEDED", ZbdWithdrawal.class);
        types.put(PREFIX + "WITHDRAWAL.FAILED", ZbdWithdrawal.class);
        return Collections.unmodifiableMap(types);
    }

    @Override
    public String toString() {
        return "ZbdRamp";
    }
}
