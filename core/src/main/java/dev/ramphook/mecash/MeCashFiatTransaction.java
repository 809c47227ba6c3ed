package dev.ramphook.mecash;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A fiat movement: {@code payout.completed|failed|pending} (money sent to a bank account),
 * {@code collection.completed|failed} (money collected into the merchant wallet) and
 * {@code virtualaccount.completed|failed} (a virtual account funded). meCash documents these payloads less fully
 * than ramp payouts, so this record lifts the common fields and keeps the whole {@code data} object for the rest.
 *
 * <p>{@code id}, {@code state}, {@code amount} and {@code currency} are always present; the others are
 * {@link Optional}, because one of meCash's pages omits them. A delivery missing an always-present field, or with
 * any lifted field of another shape, is not typed: it arrives with its JSON {@code data} node as data, and a WARN
 * line names the field.
 *
 * @param id              the transaction id ({@code id}, or {@code transaction_id})
 * @param type            the transaction type ({@code SEND}, {@code FUNDING}), when given
 * @param state           the state ({@code state}, or {@code status})
 * @param referenceNumber meCash's reference ({@code referenceNumber}, or {@code reference}), when given
 * @param amount          the amount, exact; JSON number or string
 * @param fee             the fee, when given
 * @param currency        the currency code
 * @param created         when the transaction was created, in UTC, when given
 * @param processed       when it was processed, in UTC; empty while it is not
 * @param data            the delivered {@code data} object, for fields not lifted here; do not modify it
 */
public record MeCashFiatTransaction(String id, Optional<String> type, String state, Optional<String> referenceNumber,
                                    BigDecimal amount, Optional<BigDecimal> fee, String currency,
                                    Optional<LocalDateTime> created, Optional<LocalDateTime> processed, JsonNode data)
        implements MeCashData {

    /**
     * Creates the record, as the provider does for a delivery (tests may too): a {@code null} {@code Optional}
     * component becomes empty.
     *
     * @param id              the transaction id ({@code id}, or {@code transaction_id})
     * @param type            the transaction type ({@code SEND}, {@code FUNDING}), when given
     * @param state           the state ({@code state}, or {@code status})
     * @param referenceNumber meCash's reference ({@code referenceNumber}, or {@code reference}), when given
     * @param amount          the amount, exact; JSON number or string
     * @param fee             the fee, when given
     * @param currency        the currency code
     * @param created         when the transaction was created, in UTC, when given
     * @param processed       when it was processed, in UTC; empty while it is not
     * @param data            the delivered {@code data} object, for fields not lifted here; do not modify it
     */
    public MeCashFiatTransaction {
        type = type == null ? Optional.empty() : type;
        referenceNumber = referenceNumber == null ? Optional.empty() : referenceNumber;
        fee = fee == null ? Optional.empty() : fee;
        created = created == null ? Optional.empty() : created;
        processed = processed == null ? Optional.empty() : processed;
    }

    /** Leaves out {@code data}, which may hold account numbers and names. */
    @Override
    public String toString() {
        return "MeCashFiatTransaction[id=" + id + ", type=" + type + ", state=" + state + ", referenceNumber="
                + referenceNumber + ", amount=" + amount + ", fee=" + fee + ", currency=" + currency + ", created="
                + created + ", processed=" + processed + "]";
    }
}
