package dev.ramphook.rampnetwork;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Ramp Network off-ramp sale, the {@code payload} of an {@code OFFRAMP} webhook ({@code CREATED},
 * {@code RELEASED}, {@code EXPIRED}). Always present: id, crypto amount and asset, fiat amount and currency.
 *
 * @param id             Ramp's sale id
 * @param status         the sale status, when sent
 * @param assetSymbol    the crypto asset ({@code crypto.assetInfo.symbol})
 * @param assetDecimals  the asset's decimals ({@code crypto.assetInfo.decimals})
 * @param cryptoAmount   the crypto amount in whole units: {@code crypto.amount} (smallest units) moved left by
 *                       {@code assetDecimals}
 * @param fiatAmount     the fiat amount ({@code fiat.amount})
 * @param fiatCurrency   the fiat currency ({@code fiat.currencySymbol})
 * @param createdAt      when the sale was created
 */
public record RampNetworkSale(String id, Optional<String> status, String assetSymbol, int assetDecimals,
                              BigDecimal cryptoAmount, BigDecimal fiatAmount, String fiatCurrency,
                              Optional<Instant> createdAt) implements RampNetworkData {

    /**
     * Checks that every always-present component is there.
     *
     * @param id            Ramp's sale id
     * @param status        the sale status, when sent
     * @param assetSymbol   the crypto asset ({@code crypto.assetInfo.symbol})
     * @param assetDecimals the asset's decimals ({@code crypto.assetInfo.decimals})
     * @param cryptoAmount  the crypto amount in whole units: {@code crypto.amount} (smallest units) moved left by
     *                      {@code assetDecimals}
     * @param fiatAmount    the fiat amount ({@code fiat.amount})
     * @param fiatCurrency  the fiat currency ({@code fiat.currencySymbol})
     * @param createdAt     when the sale was created
     * @throws NullPointerException when an always-present component is null
     */
    public RampNetworkSale {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(assetSymbol, "assetSymbol");
        Objects.requireNonNull(cryptoAmount, "cryptoAmount");
        Objects.requireNonNull(fiatAmount, "fiatAmount");
        Objects.requireNonNull(fiatCurrency, "fiatCurrency");
    }
}
