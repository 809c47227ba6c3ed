package dev.ramphook.rampnetwork;

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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Ramp Network (provider id {@code rampnetwork}): on-ramp purchase webhooks {@code {type, purchase}} named by their
 * {@code type} ({@code CREATED}, {@code RELEASED}, {@code RETURNED}, {@code ERROR}) and typed as
 * {@link RampNetworkPurchase}; off-ramp sale webhooks {@code {id, type, mode: "OFFRAMP", payload}} named
 * {@code OFFRAMP.<type>} ({@code OFFRAMP.CREATED}, {@code OFFRAMP.RELEASED}, {@code OFFRAMP.EXPIRED}: Ramp uses the
 * same type names for both, so the mode is put in front) and typed as {@link RampNetworkSale} (sealed
 * {@link RampNetworkData}).
 *
 * <p><b>Deduplication key</b>: the envelope's {@code id} when present (off-ramp); else
 * {@code purchase:<purchase.id>:<type>} (each type happens once per purchase; Ramp retries four times, three minutes
 * apart, with the same body); else {@code json-sha256:} of the canonical body. <b>Subject</b>: the purchase or sale
 * id. {@link WebhookEvent#occurredAt()}: {@code purchase.updatedAt}, else the purchase's or sale's
 * {@code createdAt}.
 *
 * <p><b>Authentication</b>: {@link #signature} ({@link RampNetworkSignature}, needs BouncyCastle). Immutable and
 * thread-safe.
 */
public final class RampNetwork implements Provider {

    private static final RampNetwork INSTANCE = new RampNetwork();
    private static final String OFFRAMP = "OFFRAMP";
    private static final Map<String, Class<?>> EVENT_TYPES = eventTypeTable();

    /** For {@link java.util.ServiceLoader}; in code, use {@link #provider()}. */
    public RampNetwork() {
    }

    /**
     * The shared instance.
     *
     * @return the provider, immutable and thread-safe
     */
    public static RampNetwork provider() {
        return INSTANCE;
    }

    /**
     * The default authentication: {@code X-Body-Signature} verified with Ramp's published production key.
     * Use {@link RampNetworkSignature#staging()} for Ramp's test environment.
     *
     * @return a new authenticator
     * @throws IllegalStateException when BouncyCastle is not on the class path
     */
    public static RampNetworkSignature signature() {
        return RampNetworkSignature.production();
    }

    /**
     * Ramp signs with its private key, so the "secrets" here are which public keys to trust: each value is
     * {@code production}, {@code staging} (Ramp's published keys) or a public key in PEM or base64 X.509 form.
     *
     * @throws IllegalArgumentException when no value is given or one is not a secp256k1 public key
     * @throws IllegalStateException    when BouncyCastle is not on the class path
     */
    @Override
    public Authenticator defaultAuthenticator(String... secrets) {
        if (secrets == null || secrets.length == 0) {
            throw new IllegalArgumentException("Ramp Network needs production, staging or a public key");
        }
        String[] keys = new String[secrets.length];
        for (int i = 0; i < secrets.length; i++) {
            String s = secrets[i] == null ? "" : secrets[i].trim();
            keys[i] = s.equalsIgnoreCase("production") ? RampNetworkSignature.PRODUCTION_KEY
                    : s.equalsIgnoreCase("staging") ? RampNetworkSignature.STAGING_KEY : s;
        }
        return RampNetworkSignature.of(keys);
    }

    @Override
    public String id() {
        return "rampnetwork";
    }

    @Override
    public Map<String, Class<?>> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public WebhookEvent<?> parse(ObjectNode json, byte[] rawBody) throws InvalidPayloadException {
        String type = JsonFields.nonBlankText(json, "type");
        if (type == null) {
            throw new InvalidPayloadException("missing event name");
        }
        boolean sale = OFFRAMP.equals(JsonFields.text(json, "mode"));
        String name = sale ? OFFRAMP + "." + type : type;
        JsonNode subject = JsonFields.object(json, sale ? "payload" : "purchase");
        Instant updated = JsonFields.instant(subject, "updatedAt");
        return new WebhookEvent<>(id(), name, name, key(json, subject, type),
                updated != null ? updated : JsonFields.instant(subject, "createdAt"),
                data(name, sale, subject, json), json);
    }

    /** The purchase ({@code purchase.id}) or sale ({@code payload.id}): its events run one at a time, in order. */
    @Override
    public Optional<String> subject(WebhookEvent<?> event) {
        JsonNode json = event.json();
        JsonNode subject = JsonFields.object(json, OFFRAMP.equals(JsonFields.text(json, "mode")) ? "payload"
                : "purchase");
        return Optional.ofNullable(JsonFields.idText(subject, "id"));
    }

    private static String key(ObjectNode json, JsonNode subject, String type) {
        String eventId = JsonFields.idText(json, "id");
        if (eventId != null) {
            return EventKeys.bounded(eventId);
        }
        String id = JsonFields.idText(subject, "id");
        return id == null ? EventKeys.canonicalHash(json) : EventKeys.bounded("purchase:" + id + ":" + type);
    }

    private static Object data(String name, boolean sale, JsonNode subject, ObjectNode json) {
        if (subject == null) {
            return json;
        }
        if (!EVENT_TYPES.containsKey(name)) {
            return subject;
        }
        return sale ? TypedData.map(TypedFields.of("rampnetwork", name), subject, f -> sale(subject, f))
                : TypedData.map(TypedFields.of("rampnetwork", name), subject, f -> purchase(subject, f));
    }

    private static RampNetworkPurchase purchase(JsonNode p, TypedFields f) {
        String path = "purchase";
        JsonNode asset = f.object(p, path, "asset");
        String symbol = asset == null ? null : f.text(asset, "purchase.asset", "symbol");
        Integer decimals = decimals(asset, "purchase.asset", f);
        BigDecimal units = f.decimal(p, path, "cryptoAmount");
        if (f.problem().isPresent()) {
            return null;
        }
        return new RampNetworkPurchase(f.id(p, path, "id"), f.optionalText(p, path, "status"), symbol, decimals,
                units.movePointLeft(decimals), f.text(p, path, "fiatCurrency"), f.decimal(p, path, "fiatValue"),
                f.text(p, path, "receiverAddress"), f.optionalDecimal(p, path, "appliedFee"),
                f.optionalDecimal(p, path, "networkFee"), f.optionalText(p, path, "paymentMethodType"),
                f.optionalText(p, path, "finalTxHash"), optionalInstant(p, path, "createdAt", f),
                optionalInstant(p, path, "updatedAt", f));
    }

    private static RampNetworkSale sale(JsonNode s, TypedFields f) {
        JsonNode crypto = f.object(s, "payload", "crypto");
        JsonNode fiat = f.object(s, "payload", "fiat");
        JsonNode asset = crypto == null ? null : f.object(crypto, "payload.crypto", "assetInfo");
        String symbol = asset == null ? null : f.text(asset, "payload.crypto.assetInfo", "symbol");
        Integer decimals = decimals(asset, "payload.crypto.assetInfo", f);
        BigDecimal units = crypto == null ? null : f.decimal(crypto, "payload.crypto", "amount");
        BigDecimal fiatAmount = fiat == null ? null : f.decimal(fiat, "payload.fiat", "amount");
        String currency = fiat == null ? null : f.text(fiat, "payload.fiat", "currencySymbol");
        if (f.problem().isPresent()) {
            return null;
        }
        return new RampNetworkSale(f.id(s, "payload", "id"), f.optionalText(s, "payload", "status"), symbol, decimals,
                units.movePointLeft(decimals), fiatAmount, currency, optionalInstant(s, "payload", "createdAt", f));
    }

    /** The asset's decimals: a whole number from 0 to 36 (ETH has 18); anything else does not fit. */
    private static Integer decimals(JsonNode asset, String path, TypedFields f) {
        BigDecimal value = asset == null ? null : f.decimal(asset, path, "decimals");
        if (value == null) {
            return null;
        }
        if (value.scale() > 0 || value.signum() < 0 || value.compareTo(BigDecimal.valueOf(36)) > 0) {
            f.unexpected(path + ".decimals", "a whole number from 0 to 36");
            return null;
        }
        return value.intValue();
    }

    private static Optional<Instant> optionalInstant(JsonNode o, String path, String field, TypedFields f) {
        return o.hasNonNull(field) ? Optional.ofNullable(f.instant(o, path, field)) : Optional.empty();
    }

    private static Map<String, Class<?>> eventTypeTable() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (String type : new String[] {"CREATED", "RELEASED", "RETURNED", "ERROR"}) {
            types.put(type, RampNetworkPurchase.class);
        }
        for (String type : new String[] {"CREATED", "RELEASED", "EXPIRED"}) {
            types.put(OFFRAMP + "." + type, RampNetworkSale.class);
        }
        return Collections.unmodifiableMap(types);
    }

    @Override
    public String toString() {
        return "RampNetwork";
    }
}
