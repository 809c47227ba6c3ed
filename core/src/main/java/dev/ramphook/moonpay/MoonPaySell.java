package dev.ramphook.moonpay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A MoonPay Sell (off-ramp) transaction, the {@code data} of {@code sell_transaction_created},
 * {@code sell_transaction_updated}, {@code sell_transaction_failed} and {@code sell_transaction_requote_required}.
 * Always present: id, status, both times, the base amount and currency; the rest is {@link Optional}.
 *
 * @param id                    MoonPay's transaction id
 * @param status                {@code waitingForDeposit}, {@code pending}, {@code completed}, {@code failed} …
 * @param createdAt             when the transaction was created
 * @param updatedAt             when it last changed
 * @param baseCurrencyAmount    the crypto amount sold
 * @param baseCurrencyCode      the crypto currency ({@code data.baseCurrency.code})
 * @param quoteCurrencyAmount   the fiat amount paid out
 * @param quoteCurrencyCode     the fiat currency ({@code data.quoteCurrency.code})
 * @param feeAmount             MoonPay's fee, in the quote currency
 * @param extraFeeAmount        your (the partner's) fee, in the quote currency
 * @param depositHash           the customer's crypto deposit transaction, once seen
 * @param payoutMethod          such as {@code ach_bank_transfer}
 * @param externalTransactionId your id for the transaction
 * @param externalCustomerId    your id for the customer
 * @param failureReason         why it failed
 */
public record MoonPaySell(String id, String status, Instant createdAt, Instant updatedAt, BigDecimal baseCurrencyAmount,
                          String baseCurrencyCode, Optional<BigDecimal> quoteCurrencyAmount,
                          Optional<String> quoteCurrencyCode, Optional<BigDecimal> feeAmount,
                          Optional<BigDecimal> extraFeeAmount, Optional<String> depositHash,
                          Optional<String> payoutMethod, Optional<String> externalTransactionId,
                          Optional<String> externalCustomerId, Optional<String> failureReason)
        implements MoonPayTransaction {

    /**
     * Checks that every always-present component is there.
     *
     * @param id                    MoonPay's transaction id
     * @param status                {@code waitingForDeposit}, {@code pending}, {@code completed}, {@code failed} …
     * @param createdAt             when the transaction was created
     * @param updatedAt             when it last changed
     * @param baseCurrencyAmount    the crypto amount sold
     * @param baseCurrencyCode      the crypto currency ({@code data.baseCurrency.code})
     * @param quoteCurrencyAmount   the fiat amount paid out
     * @param quoteCurrencyCode     the fiat currency ({@code data.quoteCurrency.code})
     * @param feeAmount             MoonPay's fee, in the quote currency
     * @param extraFeeAmount        your (the partner's) fee, in the quote currency
     * @param depositHash           the customer's crypto deposit transaction, once seen
     * @param payoutMethod          such as {@code ach_bank_transfer}
     * @param externalTransactionId your id for the transaction
     * @param externalCustomerId    your id for the customer
     * @param failureReason         why it failed
     * @throws NullPointerException when an always-present component is null
     */
    public MoonPaySell {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(baseCurrencyAmount, "baseCurrencyAmount");
        Objects.requireNonNull(baseCurrencyCode, "baseCurrencyCode");
    }
}
