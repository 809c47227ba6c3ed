package dev.ramphook.onramper;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.Authenticator;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.internal.provider.TypedData;
import dev.ramphook.provider.EventKeys;
import dev.ramphook.provider.JsonFields;
import dev.ramphook.provider.TypedFields;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Onramper (provider id {@code onramper}): transaction status webhooks, typed as {@link OnramperTransaction}.
 *
 * <p><b>Event names.</b> Onramper's payload has no event-name field, so the name is derived:
 * {@code <transactionType>.<status>}, lower case, such as {@code buy.completed} or {@code sell.pending}
 * ({@code transactionType} is {@code buy|sell}, {@code status} {@code pending|paid|failed|completed}). A payload
 * without {@code transactionType} is named by its status alone; one without {@code status} is refused (400).
 *
 * <p><b>Deduplication key</b>: {@code <transactionId>:<status>} (a transaction reaches each status once; a retry
 * repeats it); without a transaction id, {@code json-sha256:} of the body's canonical form. <b>Subject</b>: the
 * transaction id, so one transaction's status changes run in order. {@link WebhookEvent#occurredAt()} is
 * {@code statusDate}.
 *
 * <p><b>Authentication</b>: {@code X-Onramper-Webhook-Signature}, the hex HMAC of the raw body with the webhook
 * secret Onramper shares with you. Onramper's page says "an HMAC hex digest" without naming the hash in its
 * text; {@link #signature} uses SHA-256 (the default), {@link #signatureSha512} SHA-512 if yours differs.
 *
 * <p>Immutable and thread-safe.
 */
public final class Onramper implements Provider {

    /** The header Onramper signs in. */
    public static final String SIGNATURE_HEADER = "X-Onramper-Webhook-Signature";
    private static final Onramper INSTANCE = new Onramper();
    private static final Map<String, Class<?>> EVENT_TYPES = eventTypeTable();

    /** For {@link java.util.ServiceLoader}; in code, use {@link #provider()}. */
    public Onramper() {
    }

    /**
     * The shared instance.
     *
     * @return the provider, immutable and thread-safe
     */
    public static Onramper provider() {
        return INSTANCE;
    }

    /**
     * The default authentication: {@code X-Onramper-Webhook-Signature} = hex HMAC-SHA256 of the raw body.
     *
     * @param secrets the webhook secret (several while rotating)
     * @return a new authenticator
     * @throws IllegalArgumentException when no secret or an empty one is given
     */
    public static HmacSignature signature(String... secrets) {
        return HmacSignature.sha256Hex(SIGNATURE_HEADER, secrets);
    }

    /**
     * The same header with HMAC-SHA512, for an account whose Onramper signature is 128 hex digits.
     *
     * @param secrets the webhook secret (several while rotating)
     * @return a new authenticator
     * @throws IllegalArgumentException when no secret or an empty one is given
     */
    public static HmacSignature signatureSha512(String... secrets) {
        return HmacSignature.sha512Hex(SIGNATURE_HEADER, secrets);
    }

    /** {@link #signature}: {@code X-Onramper-Webhook-Signature}, hex HMAC-SHA256, keyed with the secret(s). */
    @Override
    public Authenticator defaultAuthenticator(String... secrets) {
        return signature(secrets);
    }

    @Override
    public String id() {
        return "onramper";
    }

    @Override
    public Map<String, Class<?>> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
        String status = JsonFields.nonBlankText(json, "status");
        if (status == null) {
            throw new InvalidPayloadException("missing status (Onramper's event name is derived from it)");
        }
        String type = JsonFields.nonBlankText(json, "transactionType");
        String name = (type == null ? status : type + "." + status).toLowerCase(Locale.ROOT);
        return new WebhookEvent<>(id(), name, name, key(json, status), JsonFields.instant(json, "statusDate"),
                data(name, json), json);
    }

    /** The transaction ({@code transactionId}): one transaction's status changes run one at a time, in order. */
    @Override
    public Optional<String> subject(WebhookEvent<?> event) {
        return Optional.ofNullable(JsonFields.idText(event.json(), "transactionId"));
    }

    private static String key(ObjectNode json, String status) {
        String id = JsonFields.idText(json, "transactionId");
        return id == null ? EventKeys.canonicalHash(json) : EventKeys.bounded(id + ":" + status);
    }

    private static Object data(String name, ObjectNode json) {
        return EVENT_TYPES.containsKey(name)
                ? TypedData.map(TypedFields.of("onramper", name), json, f -> transaction(json, f))
                : json;
    }

    private static OnramperTransaction transaction(ObjectNode j, TypedFields f) {
        String p = "body";
        String id = f.id(j, p, "transactionId");
        String type = f.text(j, p, "transactionType");
        String status = f.text(j, p, "status");
        var statusDate = f.instant(j, p, "statusDate");
        var inAmount = f.decimal(j, p, "inAmount");
        String source = f.text(j, p, "sourceCurrency");
        var outAmount = f.decimal(j, p, "outAmount");
        String target = f.text(j, p, "targetCurrency");
        if (f.problem().isPresent()) {
            return null;
        }
        return new OnramperTransaction(id, type, status, statusDate, inAmount, source, outAmount, target,
                nonBlank(f, j, "onramp"), nonBlank(f, j, "onrampTransactionId"), nonBlank(f, j, "country"),
                nonBlank(f, j, "paymentMethod"), nonBlank(f, j, "walletAddress"), nonBlank(f, j, "transactionHash"),
                nonBlank(f, j, "partnerContext"));
    }

    private static Optional<String> nonBlank(TypedFields f, ObjectNode j, String field) {
        return f.optionalText(j, "body", field).filter(s -> !s.isBlank());
    }

    private static Map<String, Class<?>> eventTypeTable() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (String type : new String[] {"buy", "sell"}) {
            for (String status : new String[] {"pending", "paid", "failed", "completed"}) {
                types.put(type + "." + status, OnramperTransaction.class);
            }
        }
        return Collections.unmodifiableMap(types);
    }

    @Override
    public String toString() {
        return "Onramper";
    }
}
