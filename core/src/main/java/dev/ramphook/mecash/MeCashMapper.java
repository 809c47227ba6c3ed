package dev.ramphook.mecash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.provider.JsonFields;
import dev.ramphook.provider.TypedFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps meCash {@code data} objects to records, field by field, through {@link TypedFields}: a field meCash always
 * sends that is missing, or any field of another shape, leaves a problem, and the caller then delivers the data
 * untyped. Which fields are always sent is said in each record's javadoc.
 */
final class MeCashMapper {

    private MeCashMapper() {
    }

    static MeCashPayout payout(JsonNode data, TypedFields f) {
        Optional<String> category = f.optionalText(data, "data", "category");
        return new MeCashPayout(f.id(data, "data", "id"), f.optionalText(data, "data", "type"), category,
                f.text(data, "data", "state"), f.optionalText(data, "data", "referenceNumber"),
                f.optionalObject(data, "data", "quote").map(q -> quote(q, f)),
                f.optionalObject(data, "data", "recipient").map(r -> recipient(category.orElse(null), r, f)),
                f.utcDateTime(data, "data", "created"), f.optionalUtcDateTime(data, "data", "processed"));
    }

    static MeCashFiatTransaction fiatTransaction(JsonNode data, TypedFields f) {
        String id = id(data);
        if (id == null) {
            f.unexpected("data.id", "present (nor data.transaction_id)");
        }
        String state = first(data, "state", "status", f);
        return new MeCashFiatTransaction(id, f.optionalText(data, "data", "type"), state,
                Optional.ofNullable(has(data, "referenceNumber") || has(data, "reference")
                        ? first(data, "referenceNumber", "reference", f) : null),
                f.decimal(data, "data", "amount"), f.optionalDecimal(data, "data", "fee"),
                f.text(data, "data", "currency"), f.optionalUtcDateTime(data, "data", "created"),
                f.optionalUtcDateTime(data, "data", "processed"), data);
    }

    /** The transaction id: {@code id}, or {@code transaction_id} as meCash's other webhook page names it. */
    static String id(JsonNode data) {
        String id = JsonFields.idText(data, "id");
        return id != null ? id : JsonFields.idText(data, "transaction_id");
    }

    private static MeCashPayout.Quote quote(JsonNode quote, TypedFields f) {
        return new MeCashPayout.Quote(f.id(quote, "data.quote", "id"),
                asset(f.object(quote, "data.quote", "source"), "data.quote.source", f),
                asset(f.object(quote, "data.quote", "target"), "data.quote.target", f),
                f.decimal(quote, "data.quote", "rate"), fees(quote, f),
                f.decimal(f.object(quote, "data.quote", "summary"), "data.quote.summary", "total"));
    }

    private static MeCashPayout.Asset asset(JsonNode asset, String path, TypedFields f) {
        if (asset == null) {
            return null;
        }
        return new MeCashPayout.Asset(f.text(asset, path, "type"), f.text(asset, path, "currency"),
                f.optionalText(asset, path, "symbol"), f.decimal(asset, path, "amount"),
                f.optionalText(asset, path, "blockchain"), f.optionalText(asset, path, "country"),
                f.optionalText(asset, path, "paymentChannel"));
    }

    /**
     * The webhook documents an object ({@code {amount, gas: {type, amount}}}: a service fee and a gas fee); meCash's
     * order API sends an array of {@code {type, amount}}. Both become a list of fees; absent, the list is empty.
     */
    private static List<MeCashPayout.Fee> fees(JsonNode quote, TypedFields f) {
        JsonNode fees = quote.get("fees");
        List<MeCashPayout.Fee> out = new ArrayList<>();
        if (fees == null || fees.isNull()) {
            return out;
        }
        if (fees.isObject()) {
            out.add(new MeCashPayout.Fee("SERVICE", f.decimal(fees, "data.quote.fees", "amount"), Optional.empty()));
            Optional<JsonNode> gas = f.optionalObject(fees, "data.quote.fees", "gas");
            gas.ifPresent(g -> out.add(new MeCashPayout.Fee("GAS", f.decimal(g, "data.quote.fees.gas", "amount"),
                    f.optionalText(g, "data.quote.fees.gas", "type"))));
        } else if (fees.isArray()) {
            for (int i = 0; i < fees.size(); i++) {
                String path = "data.quote.fees[" + i + "]";
                JsonNode fee = fees.get(i);
                if (!fee.isObject()) {
                    f.unexpected(path, "an object");
                    continue;
                }
                out.add(new MeCashPayout.Fee(f.text(fee, path, "type"), f.decimal(fee, path, "amount"),
                        f.optionalText(fee, path, "tier")));
            }
        } else {
            f.unexpected("data.quote.fees", "an object or an array");
        }
        return out;
    }

    /**
     * The category decides the recipient's kind; for another category, the fields do: an account or payment
     * channel means fiat, a blockchain means a wallet.
     */
    private static MeCashRecipient recipient(String category, JsonNode recipient, TypedFields f) {
        boolean fiat;
        if ("OFF_RAMP".equalsIgnoreCase(category)) {
            fiat = true;
        } else if ("CRYPTOCURRENCY".equalsIgnoreCase(category)) {
            fiat = false;
        } else if (recipient.has("account") || recipient.has("paymentChannel")) {
            fiat = true;
        } else if (recipient.has("blockchain")) {
            fiat = false;
        } else {
            f.unexpected("data.recipient", "a bank, mobile-money or wallet recipient");
            return null;
        }
        return fiat ? fiatRecipient(recipient, f) : wallet(recipient, f);
    }

    private static MeCashRecipient.Fiat fiatRecipient(JsonNode r, TypedFields f) {
        String p = "data.recipient";
        Optional<MeCashRecipient.Account> account = f.optionalObject(r, p, "account").map(a -> account(a, f));
        return new MeCashRecipient.Fiat(f.text(r, p, "name"), f.text(r, p, "type"),
                f.optionalText(r, p, "paymentChannel"), f.optionalText(r, p, "currency"),
                f.optionalText(r, p, "country"), f.optionalText(r, p, "address"), f.optionalText(r, p, "email"),
                f.optionalText(r, p, "website"), account);
    }

    private static MeCashRecipient.Account account(JsonNode a, TypedFields f) {
        String p = "data.recipient.account";
        return new MeCashRecipient.Account(f.optionalText(a, p, "bankName"), f.optionalText(a, p, "sortCode"),
                f.text(a, p, "accountNumber"), f.optionalText(a, p, "branchCode"),
                f.optionalText(a, p, "mobileProvider"), f.optionalText(a, p, "address"),
                f.optionalText(a, p, "swiftCode"), f.optionalText(a, p, "routingNumber"));
    }

    private static MeCashRecipient.Wallet wallet(JsonNode r, TypedFields f) {
        String p = "data.recipient";
        return new MeCashRecipient.Wallet(f.text(r, p, "address"), f.optionalText(r, p, "alias"),
                f.text(r, p, "blockchain"), f.optionalText(r, p, "symbol"));
    }

    private static boolean has(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value != null && !value.isNull();
    }

    /** {@code field}, or when it is absent {@code alternative}: one of them must be a string. */
    private static String first(JsonNode data, String field, String alternative, TypedFields f) {
        String chosen = has(data, field) || !has(data, alternative) ? field : alternative;
        return f.text(data, "data", chosen);
    }
}
