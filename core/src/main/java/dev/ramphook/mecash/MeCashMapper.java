package dev.ramphook.mecash;

import static dev.ramphook.internal.JsonFields.decimal;
import static dev.ramphook.internal.JsonFields.localDateTime;
import static dev.ramphook.internal.JsonFields.object;
import static dev.ramphook.internal.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.internal.JsonFields;
import java.util.Optional;

/** Maps meCash {@code data} objects to records, field by field: a field of the wrong shape becomes null. */
final class MeCashMapper {

    private MeCashMapper() {
    }

    static RampPayout rampPayout(JsonNode data) {
        String category = text(data, "category");
        return new RampPayout(text(data, "id"), text(data, "type"), category, text(data, "state"),
                text(data, "referenceNumber"), quote(object(data, "quote")),
                recipient(category, object(data, "recipient")), localDateTime(data, "created"),
                Optional.ofNullable(localDateTime(data, "processed")));
    }

    static FiatTransaction fiatTransaction(JsonNode data) {
        return new FiatTransaction(id(data), text(data, "type"), firstText(data, "state", "status"),
                firstText(data, "referenceNumber", "reference"), decimal(data, "amount"), decimal(data, "fee"),
                text(data, "currency"), localDateTime(data, "created"),
                Optional.ofNullable(localDateTime(data, "processed")), data);
    }

    /** The transaction id: {@code id}, or {@code transaction_id} as meCash's other webhook page names it. */
    static String id(JsonNode data) {
        String id = JsonFields.idText(data, "id");
        return id != null ? id : JsonFields.idText(data, "transaction_id");
    }

    private static RampPayout.Quote quote(JsonNode quote) {
        if (quote == null) {
            return null;
        }
        JsonNode summary = object(quote, "summary");
        return new RampPayout.Quote(text(quote, "id"), asset(object(quote, "source")),
                asset(object(quote, "target")), decimal(quote, "rate"), fees(object(quote, "fees")),
                decimal(summary, "total"));
    }

    private static RampPayout.Asset asset(JsonNode asset) {
        if (asset == null) {
            return null;
        }
        return new RampPayout.Asset(text(asset, "type"), text(asset, "currency"), text(asset, "symbol"),
                decimal(asset, "amount"), text(asset, "blockchain"), text(asset, "country"),
                text(asset, "paymentChannel"));
    }

    /** The webhook sends an object; the order API an array. Only the documented object is read. */
    private static RampPayout.Fees fees(JsonNode fees) {
        if (fees == null) {
            return null;
        }
        JsonNode gas = object(fees, "gas");
        return new RampPayout.Fees(decimal(fees, "amount"), text(gas, "type"), decimal(gas, "amount"));
    }

    /**
     * The category decides the recipient's kind; for another category, the fields do: an account or payment
     * channel means fiat, a blockchain means a wallet.
     */
    private static RampRecipient recipient(String category, JsonNode recipient) {
        if (recipient == null) {
            return null;
        }
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
            return null;
        }
        return fiat ? fiatRecipient(recipient) : wallet(recipient);
    }

    private static RampRecipient.Fiat fiatRecipient(JsonNode r) {
        JsonNode a = object(r, "account");
        RampRecipient.Account account = a == null ? null
                : new RampRecipient.Account(text(a, "bankName"), text(a, "sortCode"), text(a, "accountNumber"),
                        text(a, "branchCode"), text(a, "mobileProvider"), text(a, "address"), text(a, "swiftCode"),
                        text(a, "routingNumber"));
        return new RampRecipient.Fiat(text(r, "name"), text(r, "type"), text(r, "paymentChannel"),
                text(r, "currency"), text(r, "country"), text(r, "address"), text(r, "email"), text(r, "website"),
                account);
    }

    private static RampRecipient.Wallet wallet(JsonNode r) {
        return new RampRecipient.Wallet(text(r, "address"), text(r, "alias"), text(r, "blockchain"),
                text(r, "symbol"));
    }

    private static String firstText(JsonNode data, String field, String alternative) {
        String value = text(data, field);
        return value != null ? value : text(data, alternative);
    }
}
