package dev.ramphook.zbd;

import static dev.ramphook.provider.JsonFields.instant;
import static dev.ramphook.provider.JsonFields.map;
import static dev.ramphook.provider.JsonFields.nonBlankText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.internal.provider.BoundedKeys;
import dev.ramphook.internal.provider.BoundedSubjects;
import dev.ramphook.internal.text.InstantText;
import dev.ramphook.provider.EventKeys;
import dev.ramphook.provider.JsonFields;
import dev.ramphook.provider.TypedFields;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

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
 * {@link EventKeys#canonicalHash}). Keys longer than 200 characters are hashed ({@link EventKeys#bounded}).
 * {@link WebhookEvent#occurredAt()} is {@code created_at}, empty when it is absent or has no zone or offset.
 *
 * <p>Authentication: ZBD signs no {@code RAMP_WIDGET.V1.*} delivery, so the default
 * ({@link #defaultAuthenticator}) is a secret token in the {@code webhook_url} the integrator gives ZBD per session,
 * {@code ?token=<token>} ({@link UrlToken}); ZBD's products that sign use {@link #signature}.
 *
 * <p>Immutable and thread-safe.
 */
// Every key and subject is already bounded, so the engine does not scan them again (the internal markers
// BoundedKeys and BoundedSubjects; ZbdKeyOracleTest asserts it). "exports": the markers have no methods and are not
// exported: nothing a caller can name or use, only what the engine asks with instanceof. Not in the Javadoc above,
// which documents the API: the markers are not part of it.
@SuppressWarnings("exports")
public final class ZbdRamp implements Provider, BoundedKeys, BoundedSubjects {

    /** The namespace that {@link #shortName} strips. */
    private static final String PREFIX = ZbdNames.PREFIX;
    private static final ZbdRamp INSTANCE = new ZbdRamp();

    /** For {@link java.util.ServiceLoader}; in code, use {@link #provider()}. */
    public ZbdRamp() {
    }

    /**
     * The provider to give {@code WebhookReceiver.Builder.endpoint} for ZBD Ramp deliveries.
     *
     * @return the shared, stateless, thread-safe instance
     */
    public static ZbdRamp provider() {
        return INSTANCE;
    }

    /**
     * ZBD's {@code X-ZBD-Signature}, for its products that sign: the hex HMAC-SHA256 of the raw body. ZBD's older
     * on-ramp API wrote it as {@code sha256=<hex>}, so that prefix is accepted but not required.
     *
     * @param secrets the webhook secret; several while it rotates
     * @return a new authenticator
     * @throws IllegalArgumentException when no secret is given or one is empty
     */
    public static HmacSignature signature(String... secrets) {
        return HmacSignature.sha256Hex("X-ZBD-Signature", secrets).optionalPrefix("sha256=");
    }

    /**
     * A secret token in the query of the {@code webhook_url}: {@code https://shop.example/webhooks/zbd?token=<token>}
     * ({@link UrlToken#query}), since ZBD signs no ramp widget delivery.
     *
     * @param tokens the token; several while it rotates
     * @return {@code UrlToken.query("token", tokens)}
     * @throws IllegalArgumentException when no token is given or one is empty
     */
    @Override
    public UrlToken defaultAuthenticator(String... tokens) {
        return UrlToken.query("token", tokens);
    }

    @Override
    public String id() {
        return "zbd";
    }

    @Override
    public Map<String, Class<?>> eventTypes() {
        return ZbdNames.types();
    }

    /** Strips {@code RAMP_WIDGET.V1.}, exactly that prefix; any other name is its own short name. */
    @Override
    public String shortName(String eventName) {
        ZbdNames.Known known = ZbdNames.find(eventName); // the documented names' short names, not cut per delivery
        if (known != null) {
            return known.shortName();
        }
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
        ZbdNames.Known known = ZbdNames.find(name);
        if (known != null) {
            name = known.name(); // the table's own String: no control character, its hash already computed
        }
        JsonNode data = JsonFields.object(json, "data");
        // Read once: the key and the event both use it. ZBD writes it as Instant.toString does, which the key needs:
        // then the text itself goes in the key (read and checked in one pass, not parsed, then written again).
        String createdText = JsonFields.text(json, "created_at");
        Instant asSent = createdText == null ? null : InstantText.parse(createdText);
        Instant createdAt = asSent != null || createdText == null ? asSent : instant(json, "created_at");
        Object typed = data(name, known, data, json);
        return new WebhookEvent<>(id(), name, known != null ? known.shortName() : shortName(name),
                key(json, data, typed, name, known != null, createdAt, asSent != null ? createdText : null),
                createdAt, typed, json);
    }

    /**
     * The ramp session ({@code data.session_id}): one session's events run one at a time, in order. Taken from the
     * typed record when the event has one (the mapping read the same field with the same reader, {@code idText}),
     * else from the JSON; bounded like a key either way.
     */
    @Override
    public Optional<String> subject(WebhookEvent<?> event) {
        if (event.data() instanceof ZbdRampData typed && typed.sessionId() != null) {
            return Optional.of(EventKeys.bounded(typed.sessionId()));
        }
        return EventKeys.subject(JsonFields.object(event.json(), "data"), "session_id");
    }

    private Object data(String name, ZbdNames.Known known, JsonNode data, ObjectNode json) {
        Class<?> type = known == null ? null : known.type();
        TypedFields f = TypedFields.of(id(), name);
        if (data == null) {
            // The name is ours but the body is not: the event still counts, as JSON.
            return type == null ? json : f.untyped(json, "has no data object");
        }
        return f.typedOr(typed(type, data, f), data);
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
        Map<String, Object> metadata = map(data, "metadata"); // empty also when absent or not an object
        if (metadata.isEmpty()) {
            f.optionalObject(data, "data", "metadata"); // which of those: another shape is the problem
            return Map.of();
        }
        return Metadata.parsed(metadata); // a non-empty object: one look-up, not a check and then the read
    }

    private static ZbdSecretToken token(String value) {
        return value == null ? null : new ZbdSecretToken(value);
    }

    /**
     * {@code typed} is the event's data as mapped: a typed record already read {@code data.session_id} with the same
     * reader ({@code idText}), so it is not looked up twice. {@code createdText} is {@code createdAt}'s
     * {@code Instant.toString()} text, or {@code null} when not known.
     */
    private static String key(ObjectNode json, JsonNode data, Object typed, String name, boolean knownName,
            Instant createdAt, String createdText) {
        String id = JsonFields.idText(json, "id");
        if (id != null) {
            return EventKeys.bounded(id);
        }
        String session = typed instanceof ZbdRampData record && record.sessionId() != null ? record.sessionId()
                : JsonFields.idText(data, "session_id");
        if (session != null && createdAt != null) { // a value: 11:05:00Z, 11:05:00.000Z, 12:05:00+01:00 agree
            // Instant.toString's text, so that keys stored earlier still match: the delivered text itself when it is
            // that already (ZBD's are), else written without the formatter (InstantText). Joined at its exact
            // length; only the session is scanned when the name is a documented one (the table's text has no
            // control character, the instant's neither), not the whole key again.
            boolean asSent = createdText != null;
            int length = name.length() + session.length() + 2
                    + (asSent ? createdText.length() : InstantText.length(createdAt));
            if (length <= EventKeys.MAX_KEY_CHARS && (knownName || !EventKeys.hasControlCharacter(name))
                    && !EventKeys.hasControlCharacter(session)) {
                return asSent ? name + ':' + session + ':' + createdText
                        : InstantText.joined(name, session, createdAt);
            }
            StringBuilder key = new StringBuilder(name.length() + session.length() + 34).append(name).append(':')
                    .append(session).append(':');
            return EventKeys.bounded(InstantText.append(key, createdAt).toString()); // hashed
        }
        return EventKeys.canonicalHash(json);
    }

    @Override
    public String toString() {
        return "ZbdRamp";
    }
}
