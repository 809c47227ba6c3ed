package dev.ramphook.moonpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.Authenticator;
import dev.ramphook.auth.TimestampedSignature;
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
 * MoonPay widget webhooks (provider id {@code moonpay}): Buy events {@code transaction_created|updated|failed}
 * typed as {@link MoonPayBuy}, Sell events {@code sell_transaction_created|updated|failed} and
 * {@code sell_transaction_requote_required} typed as {@link MoonPaySell} (sealed {@link MoonPayTransaction}). Other
 * documented names ({@code swap_transaction_failed}, {@code identity_check_updated},
 * {@code virtual_account_status_updated}) and the Platform webhooks' dotted names arrive with their JSON
 * {@code data}. The event name is the body's {@code type}.
 *
 * <p>MoonPay says delivery is at-least-once and unordered and has no event id in widget webhooks, so the
 * <b>deduplication key</b> is, first that applies: the envelope's {@code id} (Platform webhooks); else
 * {@code <type>:<data.id>:<data.updatedAt>} with the time normalised (one transaction is updated many times; a
 * retry repeats the same update); else {@code <type>:<data.id>}; else {@code json-sha256:} of the canonical body.
 * <b>Subject</b>: {@code data.id}, and {@link WebhookEvent#occurredAt()} is {@code data.updatedAt} (else the
 * envelope's {@code timestamp}), so one transaction's updates are handled in MoonPay's order even when they arrive
 * out of it.
 *
 * <p><b>Authentication</b>: {@link #signature} ({@code Moonpay-Signature-V2: t=…,s=…}). Immutable and thread-safe.
 */
public final class MoonPay implements Provider {

    private static final MoonPay INSTANCE = new MoonPay();
    private static final Map<String, Class<?>> EVENT_TYPES = eventTypeTable();

    /** For {@link java.util.ServiceLoader}; in code, use {@link #provider()}. */
    public MoonPay() {
    }

    /**
     * The shared instance.
     *
     * @return the provider, immutable and thread-safe
     */
    public static MoonPay provider() {
        return INSTANCE;
    }

    /**
     * The default authentication: {@code Moonpay-Signature-V2: t=<unix seconds>,s=<hex HMAC-SHA256 of "t.body">}
     * keyed with the webhook API key, timestamp within 5 minutes either way. The legacy {@code Moonpay-Signature}
     * header is ignored, as MoonPay advises.
     *
     * @param webhookApiKeys the webhook API key from MoonPay's dashboard (several while rotating)
     * @return a new authenticator
     * @throws IllegalArgumentException when no key or an empty one is given
     */
    public static TimestampedSignature signature(String... webhookApiKeys) {
        return TimestampedSignature.of("Moonpay-Signature-V2", webhookApiKeys).scheme("s");
    }

    /** {@link #signature}: {@code Moonpay-Signature-V2} keyed with the webhook API key(s). */
    @Override
    public Authenticator defaultAuthenticator(String... secrets) {
        return signature(secrets);
    }

    @Override
    public String id() {
        return "moonpay";
    }

    @Override
    public Map<String, Class<?>> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
        String name = JsonFields.nonBlankText(json, "type");
        if (name == null) {
            throw new InvalidPayloadException("missing event name");
        }
        JsonNode data = JsonFields.object(json, "data");
        Instant updatedAt = JsonFields.instant(data, "updatedAt");
        Instant occurredAt = updatedAt != null ? updatedAt : JsonFields.instant(json, "timestamp");
        return new WebhookEvent<>(id(), name, name, key(json, data, name, updatedAt), occurredAt,
                data(name, data, json), json);
    }

    /** The transaction ({@code data.id}): one transaction's events run one at a time, in MoonPay's order. */
    @Override
    public Optional<String> subject(WebhookEvent<?> event) {
        return Optional.ofNullable(JsonFields.idText(JsonFields.object(event.json(), "data"), "id"));
    }

    private static String key(ObjectNode json, JsonNode data, String name, Instant updatedAt) {
        String eventId = JsonFields.idText(json, "id");
        if (eventId != null) {
            return EventKeys.bounded(eventId);
        }
        String id = JsonFields.idText(data, "id");
        if (id == null) {
            return EventKeys.canonicalHash(json);
        }
        return EventKeys.bounded(updatedAt == null ? name + ":" + id : name + ":" + id + ":" + updatedAt);
    }

    private static Object data(String name, JsonNode data, ObjectNode json) {
        Class<?> type = EVENT_TYPES.get(name);
        if (data == null) {
            return json;
        }
        if (type == null) {
            return data;
        }
        return TypedData.map(TypedFields.of("moonpay", name), data,
                f -> type == MoonPayBuy.class ? buy(data, f) : sell(data, f));
    }

    private static MoonPayBuy buy(JsonNode d, TypedFields f) {
        String p = "data";
        return new MoonPayBuy(f.id(d, p, "id"), f.text(d, p, "status"), f.instant(d, p, "createdAt"),
                f.instant(d, p, "updatedAt"), f.decimal(d, p, "baseCurrencyAmount"),
                code(d, "baseCurrency", f), f.optionalDecimal(d, p, "quoteCurrencyAmount"),
                optionalCode(d, "currency", f), f.optionalDecimal(d, p, "feeAmount"),
                f.optionalDecimal(d, p, "extraFeeAmount"), f.optionalDecimal(d, p, "networkFeeAmount"),
                f.text(d, p, "walletAddress"), f.optionalText(d, p, "cryptoTransactionId"),
                f.optionalText(d, p, "paymentMethod"), f.optionalText(d, p, "externalTransactionId"),
                f.optionalText(d, p, "externalCustomerId"), f.optionalText(d, p, "failureReason"));
    }

    private static MoonPaySell sell(JsonNode d, TypedFields f) {
        String p = "data";
        return new MoonPaySell(f.id(d, p, "id"), f.text(d, p, "status"), f.instant(d, p, "createdAt"),
                f.instant(d, p, "updatedAt"), f.decimal(d, p, "baseCurrencyAmount"),
                code(d, "baseCurrency", f), f.optionalDecimal(d, p, "quoteCurrencyAmount"),
                optionalCode(d, "quoteCurrency", f), f.optionalDecimal(d, p, "feeAmount"),
                f.optionalDecimal(d, p, "extraFeeAmount"), f.optionalText(d, p, "depositHash"),
                f.optionalText(d, p, "payoutMethod"), f.optionalText(d, p, "externalTransactionId"),
                f.optionalText(d, p, "externalCustomerId"), f.optionalText(d, p, "failureReason"));
    }

    /** The {@code code} of a currency object such as {@code data.baseCurrency}. */
    private static String code(JsonNode data, String field, TypedFields f) {
        JsonNode currency = f.object(data, "data", field);
        return currency == null ? null : f.text(currency, "data." + field, "code");
    }

    private static Optional<String> optionalCode(JsonNode data, String field, TypedFields f) {
        return f.optionalObject(data, "data", field).map(c -> f.text(c, "data." + field, "code"));
    }

    private static Map<String, Class<?>> eventTypeTable() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (String step : new String[] {"created", "updated", "failed"}) {
            types.put("transaction_" + step, MoonPayBuy.class);
        }
        for (String step : new String[] {"created", "updated", "failed", "requote_required"}) {
            types.put("sell_transaction_" + step, MoonPaySell.class);
        }
        return Collections.unmodifiableMap(types);
    }

    @Override
    public String toString() {
        return "MoonPay";
    }
}
