package dev.ramphook.moonpay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * What every typed MoonPay transaction carries: a Buy ({@link MoonPayBuy}, events {@code transaction_*}) or a Sell
 * ({@link MoonPaySell}, events {@code sell_transaction_*}). A handler taking this type receives both.
 */
public sealed interface MoonPayTransaction permits MoonPayBuy, MoonPaySell {

    /** {@return MoonPay's transaction id ({@code data.id}), the same in every event about this transaction} */
    String id();

    /**
     * {@return the transaction status as MoonPay writes it, such as {@code pending}, {@code completed} or
     * {@code failed}}
     */
    String status();

    /** {@return when MoonPay created the transaction} */
    Instant createdAt();

    /** {@return when MoonPay last changed the transaction: the time of this event} */
    Instant updatedAt();

    /**
     * {@return the amount of the base currency, what the customer gives (fiat for a Buy, crypto for a Sell), in
     * that currency's units}
     */
    BigDecimal baseCurrencyAmount();

    /** {@return the base currency's code ({@code data.baseCurrency.code}), such as {@code eur} or {@code xlm}} */
    String baseCurrencyCode();

    /** {@return the amount the customer gets; empty until MoonPay's quote is final} */
    Optional<BigDecimal> quoteCurrencyAmount();

    /**
     * {@return your own id for the transaction ({@code externalTransactionId}); empty unless you passed one to
     * the widget}
     */
    Optional<String> externalTransactionId();

    /**
     * {@return your own id for the customer ({@code externalCustomerId}); empty unless you passed one to the
     * widget}
     */
    Optional<String> externalCustomerId();

    /** {@return why the transaction failed; empty unless it failed and MoonPay gave a reason} */
    Optional<String> failureReason();
}
