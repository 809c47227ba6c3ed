package dev.ramphook.rampnetwork;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Ramp Network on-ramp purchase, the {@code purchase} of a {@code CREATED}, {@code RELEASED}, {@code RETURNED}
 * or {@code ERROR} webhook. Always present: id, asset symbol and decimals, crypto amount, fiat currency and value,
 * receiver address; the rest is {@link Optional}.
 *
 * @param id                Ramp's purchase id
 * @param status            the purchase status, such as {@code INITIALIZED} or {@code RELEASED}
 * @param assetSymbol       the crypto asset ({@code asset.symbol}), such as {@code ETH}
 * @param assetDecimals     the asset's decimals ({@code asset.decimals})
 * @param cryptoAmount      the crypto amount in whole units: Ramp's {@code cryptoAmount} (an integer string of
 *                          the asset's smallest unit, such as wei) moved left by {@code assetDecimals}
 * @param fiatCurrency      such as {@code GBP}
 * @param fiatValue         the fiat amount
 * @param receiverAddress   the wallet the crypto goes to
 * @param appliedFee        the total fee, in the fiat currency
 * @param networkFee        the network fee, in the fiat currency
 * @param paymentMethodType such as {@code CARD_PAYMENT}
 * @param finalTxHash       the blockchain transaction, once released
 * @param createdAt         when the purchase was created
 * @param updatedAt         when it last changed
 */
public record RampNetworkPurchase(String id, Optional<String> status, String assetSymbol, int assetDecimals,
                                  BigDecimal cryptoAmount, String fiatCurrency, BigDecimal fiatValue,
                                  String receiverAddress, Optional<BigDecimal> appliedFee,
                                  Optional<BigDecimal> networkFee, Optional<String> paymentMethodType,
                                  Optional<String> finalTxHash, Optional<Instant> createdAt,
                                  Optional<Instant> updatedAt) implements RampNetworkData {

    /**
     * Checks that every always-present component is there.
     *
     * @param id                Ramp's purchase id
     * @param status            the purchase status, such as {@code INITIALIZED} or {@code RELEASED}
     * @param assetSymbol       the crypto asset ({@code asset.symbol}), such as {@code ETH}
     * @param assetDecimals     the asset's decimals ({@code asset.decimals})
     * @param cryptoAmount      the crypto amount in whole units: Ramp's {@code cryptoAmount} (an integer string of
     *                          the asset's smallest unit, such as wei) moved left by {@code assetDecimals}
     * @param fiatCurrency      such as {@code GBP}
     * @param fiatValue         the fiat amount
     * @param receiverAddress   the wallet the crypto goes to
     * @param appliedFee        the total fee, in the fiat currency
     * @param networkFee        the network fee, in the fiat currency
     * @param paymentMethodType such as {@code CARD_PAYMENT}
     * @param finalTxHash       the blockchain transaction, once released
     * @param createdAt         when the purchase was created
     * @param updatedAt         when it last changed
     * @throws NullPointerException when an always-present component is null
     */
    public RampNetworkPurchase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(assetSymbol, "assetSymbol");
        Objects.requireNonNull(cryptoAmount, "cryptoAmount");
        Objects.requireNonNull(fiatCurrency, "fiatCurrency");
        Objects.requireNonNull(fiatValue, "fiatValue");
        Objects.requireNonNull(receiverAddress, "receiverAddress");
    }
}
