package dev.ramphook.mecash;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * {@code ramp.payout.completed}, {@code .failed}, {@code .pending} and {@code .refund}: crypto sent out, either
 * converted to fiat and paid to a bank or mobile-money account (category {@code OFF_RAMP}) or sent to another crypto
 * wallet (category {@code CRYPTOCURRENCY}).
 *
 * @param id              the transaction id
 * @param type            the transaction type ({@code SEND})
 * @param category        {@code OFF_RAMP} or {@code CRYPTOCURRENCY}
 * @param state           the transaction state ({@code COMPLETED})
 * @param referenceNumber meCash's reference for the transaction
 * @param quote           what was sent, what arrives, and the fees
 * @param recipient       who receives it: {@link RampRecipient.Fiat} or {@link RampRecipient.Wallet}
 * @param created         when the transaction was created (zone-less, as meCash sends it)
 * @param processed       when it was processed; empty while it is not
 */
public record RampPayout(String id, String type, String category, String state, String referenceNumber,
                         Quote quote, RampRecipient recipient, LocalDateTime created,
                         Optional<LocalDateTime> processed) implements MeCashData {

    public RampPayout {
        processed = processed == null ? Optional.empty() : processed;
    }

    /**
     * The conversion behind the payout.
     *
     * @param id     the quote id
     * @param source the crypto that was sent
     * @param target what the recipient receives, fiat or crypto
     * @param rate   the exchange rate, as meCash states it
     * @param fees   the fees; {@code null} when the delivery has none or sends another shape
     * @param total  the total crypto amount: source amount plus fees ({@code summary.total})
     */
    public record Quote(String id, Asset source, Asset target, BigDecimal rate, Fees fees, BigDecimal total) {
    }

    /**
     * One side of a quote. Crypto assets have a {@code blockchain}; fiat assets a {@code country} and
     * {@code paymentChannel}; the others are {@code null}.
     *
     * @param type           {@code CRYPTOCURRENCY} or {@code FIAT}
     * @param currency       the currency or token code ({@code USDC}, {@code NGN})
     * @param symbol         the token symbol (crypto)
     * @param amount         the amount, exact
     * @param blockchain     the network ({@code MATIC}) (crypto)
     * @param country        the ISO country code (fiat)
     * @param paymentChannel how the fiat is paid out ({@code BANK_TRANSFER}) (fiat)
     */
    public record Asset(String type, String currency, String symbol, BigDecimal amount, String blockchain,
                        String country, String paymentChannel) {
    }

    /**
     * The fees of a quote.
     *
     * @param amount    the service fee
     * @param gasTier   the gas fee tier: {@code LOW}, {@code MEDIUM} or {@code HIGH}
     * @param gasAmount the gas fee
     */
    public record Fees(BigDecimal amount, String gasTier, BigDecimal gasAmount) {
    }
}
