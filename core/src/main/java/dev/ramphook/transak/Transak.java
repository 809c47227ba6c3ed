package dev.ramphook.transak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.Authenticator;
import dev.ramphook.internal.provider.TypedData;
import dev.ramphook.provider.EventKeys;
import dev.ramphook.provider.JsonFields;
import dev.ramphook.provider.TypedFields;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Transak (provider id {@code transak}): order webhooks {@code ORDER_CREATED}, {@code ORDER_PAYMENT_VERIFYING},
 * {@code ORDER_PROCESSING}, {@code ORDER_COMPLETED}, {@code ORDER_FAILED} and {@code ORDER_REFUNDED}, typed as
 * {@link TransakOrder}; other names (KYC events) arrive with their JSON {@code webhookData}.
 *
 * <p>The delivered body is {@code {"data": "<JWT>"}}; the event is the token's claims {@code {eventID,
 * webhookData}}, and {@link WebhookEvent#json()} is that decoded claims object, not the envelope. The claims are
 * read only after the authenticator ({@link #signature}, {@link TransakJwt}) has verified the token.
 *
 * <p><b>Deduplication key</b>: {@code <eventID>:<webhookData.id>:<webhookData.status>}, because one event name
 * covers several statuses ({@code ORDER_PROCESSING}: {@code PROCESSING} and {@code PENDING_DELIVERY_FROM_TRANSAK});
 * without an order id, {@code json-sha256:} of the canonical claims. <b>Subject</b>: the order id.
 * {@link WebhookEvent#occurredAt()}: {@code webhookData.updatedAt}, else {@code createdAt}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Transak implements Provider {

    private static final Transak INSTANCE = new Transak();
    private static final Map<String, Class<?>> EVENT_TYPES = eventTypeTable();

    /** For {@link java.util.ServiceLoader}; in code, use {@link #provider()}. */
    public Transak() {
    }

    /**
     * The shared instance.
     *
     * @return the provider, immutable and thread-safe
     */
    public static Transak provider() {
        return INSTANCE;
    }

    /**
     * The default authentication: the body's JWT, HS256 only, keyed with the partner access token.
     *
     * @param accessTokens the current access token (and the previous one while you switch)
     * @return a new authenticator
     * @throws IllegalArgumentException when no token or an empty one is given
     */
    public static TransakJwt signature(String... accessTokens) {
        return TransakJwt.of(accessTokens);
    }

    /** {@link #signature}: the body's HS256 JWT, keyed with the access token(s). */
    @Override
    public Authenticator defaultAuthenticator(String... secrets) {
        return signature(secrets);
    }

    @Override
    public String id() {
        return "transak";
    }

    @Override
    public Map<String, Class<?>> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
        ObjectNode claims = TransakTokens.claims(json);
        if (claims == null) {
            throw new InvalidPayloadException("body is not {\"data\": \"<JWT>\"}");
        }
        String name = JsonFields.nonBlankText(claims, "eventID");
        if (name == null) {
            throw new InvalidPayloadException("missing event name (eventID)");
        }
        JsonNode order = JsonFields.object(claims, "webhookData");
        Instant updated = JsonFields.instant(order, "updatedAt");
        return new WebhookEvent<>(id(), name, name, key(claims, order, name),
                updated != null ? updated : JsonFields.instant(order, "createdAt"), data(name, order, claims),
                claims);
    }

    /** The order ({@code webhookData.id}): one order's events run one at a time, in order. */
    @Override
    public Optional<String> subject(WebhookEvent<?> event) {
        return Optional.ofNullable(JsonFields.idText(JsonFields.object(event.json(), "webhookData"), "id"));
    }

    private static String key(ObjectNode claims, JsonNode order, String name) {
        String id = JsonFields.idText(order, "id");
        if (id == null) {
            return EventKeys.canonicalHash(claims);
        }
        String status = JsonFields.nonBlankText(order, "status");
        return EventKeys.bounded(name + ":" + id + (status == null ? "" : ":" + status));
    }

    private static Object data(String name, JsonNode order, ObjectNode claims) {
        if (order == null) {
            return claims;
        }
        return EVENT_TYPES.containsKey(name)
                ? TypedData.map(TypedFields.of("transak", name), order, f -> order(order, f))
                : order;
    }

    private static TransakOrder order(JsonNode o, TypedFields f) {
        String p = "webhookData";
        return new TransakOrder(f.id(o, p, "id"), f.text(o, p, "status"), f.text(o, p, "isBuyOrSell"),
                f.text(o, p, "fiatCurrency"), f.text(o, p, "cryptoCurrency"), f.decimal(o, p, "fiatAmount"),
                f.optionalDecimal(o, p, "cryptoAmount"), f.optionalDecimal(o, p, "amountPaid"),
                f.optionalDecimal(o, p, "totalFeeInFiat"), f.optionalText(o, p, "network"),
                f.optionalText(o, p, "walletAddress"), f.optionalText(o, p, "partnerOrderId"),
                f.optionalText(o, p, "partnerCustomerId"), f.optionalText(o, p, "transactionHash"),
                f.instant(o, p, "createdAt"), optionalInstant(o, p, "updatedAt", f));
    }

    private static Optional<Instant> optionalInstant(JsonNode o, String path, String field, TypedFields f) {
        return JsonFields.text(o, field) == null && !o.hasNonNull(field) ? Optional.empty()
                : Optional.ofNullable(f.instant(o, path, field));
    }

    private static Map<String, Class<?>> eventTypeTable() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (String name : new String[] {"ORDER_CREATED", "ORDER_PAYMENT_VERIFYING", "ORDER_PROCESSING",
                "ORDER_COMPLETED", "ORDER_FAILED", "ORDER_REFUNDED"}) {
            types.put(name, TransakOrder.class);
        }
        return Collections.unmodifiableMap(types);
    }

    @Override
    public String toString() {
        return "Transak";
    }
}
