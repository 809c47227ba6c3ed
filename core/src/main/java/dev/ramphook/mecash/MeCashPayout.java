package dev.ramphook.mecash;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * {@code ramp.payout.completed}, {@code .failed}, {@code .pending} and {@code .refund}: crypto sent out, either
 * converted to fiat and paid to a bank or mobile-money account (category {@code OFF_RAMP}) or sent to another crypto
 * wallet (category {@code CRYPTOCURRENCY}).
 *
 * <p>{@code id}, {@code state} and {@code created} are always present; the others are {@link Optional}, because
 * meCash's pages show payouts without them (a refund without quote and recipient, say). A delivery where an
 * always-present field is missing, or any field has another shape (an amount that is no number, a time that is no
 * ISO-8601 date-time), is not typed: it arrives with its JSON {@code data} node as data, and a WARN line names the
 * field.
 *
 * @param id              the transaction id
 * @param type            the transaction type ({@code SEND})
 * @param category        {@code OFF_RAMP} or {@code CRYPTOCURRENCY}
 * @param state           the transaction state ({@code COMPLETED})
 * @param referenceNumber meCash's reference for the transaction
 * @param quote           what was sent, what arrives, and the fees
 * @param recipient       who receives it: {@link MeCashRecipient.Fiat} or {@link MeCashRecipient.Wallet}
 * @param created         when the transaction was created, in UTC (meCash sends it zone-less; a zone or offset, when
 *                        sent, is converted)
 * @param processed       when it was processed, in UTC; empty while it is not
 */
public record MeCashPayout(String id, Optional<String> type, Optional<String> category, String state,
                           Optional<String> referenceNumber, Optional<Quote> quote, Optional<MeCashRecipient> recipient,
                           LocalDateTime created, Optional<LocalDateTime> processed) implements MeCashData {

    /**
     * Creates the record, as the provider does for a delivery (tests may too): a {@code null} {@code Optional}
     * component becomes empty.
     *
     * @param id              the transaction id
     * @param type            the transaction type ({@code SEND})
     * @param category        {@code OFF_RAMP} or {@code CRYPTOCURRENCY}
     * @param state           the transaction state ({@code COMPLETED})
     * @param referenceNumber meCash's reference for the transaction
     * @param quote           what was sent, what arrives, and the fees
     * @param recipient       who receives it: {@link MeCashRecipient.Fiat} or {@link MeCashRecipient.Wallet}
     * @param created         when the transaction was created, in UTC (meCash sends it zone-less; a zone or offset, when
     *                        sent, is converted)
     * @param processed       when it was processed, in UTC; empty while it is not
     */
    public MeCashPayout {
        type = type == null ? Optional.empty() : type;
        category = category == null ? Optional.empty() : category;
        referenceNumber = referenceNumber == null ? Optional.empty() : referenceNumber;
        quote = quote == null ? Optional.empty() : quote;
        recipient = recipient == null ? Optional.empty() : recipient;
        processed = processed == null ? Optional.empty() : processed;
    }

    /**
     * The conversion behind the payout. Every field is always present.
     *
     * @param id     the quote id
     * @param source the crypto that was sent
     * @param target what the recipient receives, fiat or crypto
     * @param rate   the exchange rate, as meCash states it
     * @param fees   the fees, empty when the delivery lists none: the webhook's {@code {amount, gas}} object gives
     *               a {@code SERVICE} fee and, with {@code gas}, a {@code GAS} fee with its tier; the order API's
     *               array gives one fee per element
     * @param total  the total crypto amount: source amount plus fees ({@code summary.total})
     */
    public record Quote(String id, Asset source, Asset target, BigDecimal rate, List<Fee> fees, BigDecimal total) {

        /**
         * Creates the record, as the provider does for a delivery (tests may too): collections and maps are copied,
         * unmodifiable.
         *
         * @param id     the quote id
         * @param source the crypto that was sent
         * @param target what the recipient receives, fiat or crypto
         * @param rate   the exchange rate, as meCash states it
         * @param fees   the fees, empty when the delivery lists none: the webhook's {@code {amount, gas}} object gives
         *               a {@code SERVICE} fee and, with {@code gas}, a {@code GAS} fee with its tier; the order API's
         *               array gives one fee per element
         * @param total  the total crypto amount: source amount plus fees ({@code summary.total})
         */
        public Quote {
            fees = fees == null ? List.of() : List.copyOf(fees);
        }
    }

    /**
     * One side of a quote. {@code type}, {@code currency} and {@code amount} are always present; crypto assets have
     * a {@code symbol} and {@code blockchain}, fiat assets a {@code country} and {@code paymentChannel}.
     *
     * @param type           {@code CRYPTOCURRENCY} or {@code FIAT}
     * @param currency       the currency or token code ({@code USDC}, {@code NGN})
     * @param symbol         the token symbol (crypto)
     * @param amount         the amount, exact
     * @param blockchain     the network ({@code MATIC}) (crypto)
     * @param country        the ISO country code (fiat)
     * @param paymentChannel how the fiat is paid out ({@code BANK_TRANSFER}) (fiat)
     */
    public record Asset(String type, String currency, Optional<String> symbol, BigDecimal amount,
                        Optional<String> blockchain, Optional<String> country, Optional<String> paymentChannel) {
    }

    /**
     * One fee of a quote.
     *
     * @param type   {@code SERVICE} or {@code GAS} (the webhook's object), or the type meCash names (an array)
     * @param amount the fee, exact
     * @param tier   the gas fee tier, {@code LOW}, {@code MEDIUM} or {@code HIGH}, when meCash gives one
     */
    public record Fee(String type, BigDecimal amount, Optional<String> tier) {
    }
}
