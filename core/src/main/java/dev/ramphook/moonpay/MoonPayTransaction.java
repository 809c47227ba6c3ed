package dev.ramphook.moonpay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * What every typed MoonPay transaction carries: a Buy ({@link MoonPayBuy}, events {@code transaction_*}) or a Sell
 * ({@link MoonPaySell}, events {@code sell_transaction_*}). A handler taking this type receives both.
 */
public sealed interface MoonPayTransaction permits MoonPayBuy, MoonPaySell {

    /** MoonPay's transaction id ({@code data.id}). */
    String id();

    /** The transaction status as MoonPay writes it, such as {@code pending}, {@code completed} or {@code failed}. */
    String status();

    /** When MoonPay created the transaction. */
    Instant createdAt();

    /** When MoonPay last changed it: the time of this event. */
    Instant updatedAt();

    /** The amount of the base currency, what the customer gives (fiat for a Buy, crypto for a Sell). */
    BigDecimal baseCurrencyAmount();

    /** The base currency's code ({@code data.baseCurrency.code}), such as {@code eur} or {@code xlm}. */
    String baseCurrencyCode();

    /** The amount the customer gets; MoonPay sends none before the quote is final. */
    Optional<BigDecimal> quoteCurrencyAmount();

    /** Your own id for the transaction ({@code externalTransactionId}), when you passed one to the widget. */
    Optional<String> externalTransactionId();

    /** Your own id for the customer ({@code externalCustomerId}), when you passed one to the widget. */
    Optional<String> externalCustomerId();

    /** Why the transaction failed, for a failed one. */
    Optional<String> failureReason();
}
