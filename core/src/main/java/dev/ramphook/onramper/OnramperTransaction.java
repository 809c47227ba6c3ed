package dev.ramphook.onramper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One Onramper transaction status change, as every Onramper webhook carries it. Always present: the transaction id,
 * type, status, status date, both amounts and both currencies; the rest is {@link Optional}, empty when Onramper
 * leaves the field out (a blank {@code transactionHash} or {@code partnerContext} is empty too).
 *
 * @param transactionId       Onramper's transaction id ({@code transactionId})
 * @param transactionType     {@code buy} or {@code sell}
 * @param status              {@code pending}, {@code paid}, {@code failed} or {@code completed}
 * @param statusDate          when the transaction reached this status
 * @param inAmount            for a buy, the fiat amount requested
 * @param sourceCurrency      for a buy, the fiat currency id ({@code usd})
 * @param outAmount           for a buy, the crypto amount delivered
 * @param targetCurrency      for a buy, the crypto currency id ({@code sol})
 * @param onramp              the id of the provider Onramper routed the transaction to ({@code gatefi})
 * @param onrampTransactionId that provider's own transaction id
 * @param country             ISO 3166 two-letter country code, lower case as sent
 * @param paymentMethod       the payment method id ({@code creditcard})
 * @param walletAddress       the wallet the crypto was delivered to
 * @param transactionHash     the blockchain transaction hash, when there is one
 * @param partnerContext      the {@code partnerContext} your widget passed in, returned unchanged
 */
public record OnramperTransaction(String transactionId, String transactionType, String status, Instant statusDate,
                                  BigDecimal inAmount, String sourceCurrency, BigDecimal outAmount,
                                  String targetCurrency, Optional<String> onramp, Optional<String> onrampTransactionId,
                                  Optional<String> country, Optional<String> paymentMethod,
                                  Optional<String> walletAddress, Optional<String> transactionHash,
                                  Optional<String> partnerContext) {

    /**
     * Checks that every always-present component is there.
     *
     * @param transactionId       Onramper's transaction id ({@code transactionId})
     * @param transactionType     {@code buy} or {@code sell}
     * @param status              {@code pending}, {@code paid}, {@code failed} or {@code completed}
     * @param statusDate          when the transaction reached this status
     * @param inAmount            for a buy, the fiat amount requested
     * @param sourceCurrency      for a buy, the fiat currency id ({@code usd})
     * @param outAmount           for a buy, the crypto amount delivered
     * @param targetCurrency      for a buy, the crypto currency id ({@code sol})
     * @param onramp              the id of the provider Onramper routed the transaction to ({@code gatefi})
     * @param onrampTransactionId that provider's own transaction id
     * @param country             ISO 3166 two-letter country code, lower case as sent
     * @param paymentMethod       the payment method id ({@code creditcard})
     * @param walletAddress       the wallet the crypto was delivered to
     * @param transactionHash     the blockchain transaction hash, when there is one
     * @param partnerContext      the {@code partnerContext} your widget passed in, returned unchanged
     * @throws NullPointerException when an always-present component is null
     */
    public OnramperTransaction {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(transactionType, "transactionType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusDate, "statusDate");
        Objects.requireNonNull(inAmount, "inAmount");
        Objects.requireNonNull(sourceCurrency, "sourceCurrency");
        Objects.requireNonNull(outAmount, "outAmount");
        Objects.requireNonNull(targetCurrency, "targetCurrency");
    }

    /**
     * True for a {@code buy} (on-ramp) transaction.
     *
     * @return true for buy, false for sell
     */
    public boolean isBuy() {
        return "buy".equalsIgnoreCase(transactionType);
    }
}
