package dev.ramphook.moonpay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A MoonPay Buy (on-ramp) transaction, the {@code data} of {@code transaction_created}, {@code transaction_updated}
 * and {@code transaction_failed}. Always present: id, status, both times, the base amount and currency, the
 * wallet address; the rest is {@link Optional}, empty when MoonPay sends {@code null} or leaves it out.
 *
 * @param id                    MoonPay's transaction id
 * @param status                {@code waitingPayment}, {@code pending}, {@code waitingAuthorization},
 *                              {@code completed}, {@code failed} …
 * @param createdAt             when the transaction was created
 * @param updatedAt             when it last changed
 * @param baseCurrencyAmount    the fiat amount
 * @param baseCurrencyCode      the fiat currency ({@code data.baseCurrency.code})
 * @param quoteCurrencyAmount   the crypto amount
 * @param quoteCurrencyCode     the crypto currency ({@code data.currency.code})
 * @param feeAmount             MoonPay's fee, in the base currency
 * @param extraFeeAmount        your (the partner's) fee, in the base currency
 * @param networkFeeAmount      the network fee, in the base currency
 * @param walletAddress         the wallet the crypto is sent to
 * @param cryptoTransactionId   the blockchain transaction, once sent
 * @param paymentMethod         such as {@code credit_debit_card}
 * @param externalTransactionId your id for the transaction
 * @param externalCustomerId    your id for the customer
 * @param failureReason         why it failed
 */
public record MoonPayBuy(String id, String status, Instant createdAt, Instant updatedAt, BigDecimal baseCurrencyAmount,
                         String baseCurrencyCode, Optional<BigDecimal> quoteCurrencyAmount,
                         Optional<String> quoteCurrencyCode, Optional<BigDecimal> feeAmount,
                         Optional<BigDecimal> extraFeeAmount, Optional<BigDecimal> networkFeeAmount,
                         String walletAddress, Optional<String> cryptoTransactionId, Optional<String> paymentMethod,
                         Optional<String> externalTransactionId, Optional<String> externalCustomerId,
                         Optional<String> failureReason) implements MoonPayTransaction {

    /**
     * Checks that every always-present component is there.
     *
     * @param id                    MoonPay's transaction id
     * @param status                {@code waitingPayment}, {@code pending}, {@code waitingAuthorization},
     *                              {@code completed}, {@code failed} …
     * @param createdAt             when the transaction was created
     * @param updatedAt             when it last changed
     * @param baseCurrencyAmount    the fiat amount
     * @param baseCurrencyCode      the fiat currency ({@code data.baseCurrency.code})
     * @param quoteCurrencyAmount   the crypto amount
     * @param quoteCurrencyCode     the crypto currency ({@code data.currency.code})
     * @param feeAmount             MoonPay's fee, in the base currency
     * @param extraFeeAmount        your (the partner's) fee, in the base currency
     * @param networkFeeAmount      the network fee, in the base currency
     * @param walletAddress         the wallet the crypto is sent to
     * @param cryptoTransactionId   the blockchain transaction, once sent
     * @param paymentMethod         such as {@code credit_debit_card}
     * @param externalTransactionId your id for the transaction
     * @param externalCustomerId    your id for the customer
     * @param failureReason         why it failed
     * @throws NullPointerException when an always-present component is null
     */
    public MoonPayBuy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(baseCurrencyAmount, "baseCurrencyAmount");
        Objects.requireNonNull(baseCurrencyCode, "baseCurrencyCode");
        Objects.requireNonNull(walletAddress, "walletAddress");
    }
}
