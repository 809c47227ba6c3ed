package dev.ramphook.transak;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Transak order, the {@code webhookData} of an order event. Always present: id, status, side, both currencies,
 * the fiat amount and the creation time; the rest is {@link Optional}, empty when Transak leaves it out (fields
 * appear as the order progresses: the crypto amount once quoted, the transaction hash once sent).
 *
 * @param id                Transak's order id
 * @param status            the order status, such as {@code AWAITING_PAYMENT_FROM_USER} or {@code COMPLETED};
 *                          several statuses share one event name ({@code ORDER_FAILED}: {@code EXPIRED},
 *                          {@code FAILED}, {@code CANCELLED})
 * @param isBuyOrSell       {@code BUY} (on-ramp) or {@code SELL} (off-ramp)
 * @param fiatCurrency      such as {@code EUR}
 * @param cryptoCurrency    such as {@code ETH}
 * @param fiatAmount        the fiat amount of the order
 * @param cryptoAmount      the crypto amount
 * @param amountPaid        what the user paid
 * @param totalFeeInFiat    Transak's total fee, in the fiat currency
 * @param network           the blockchain network, such as {@code ethereum}
 * @param walletAddress     the user's wallet
 * @param partnerOrderId    your order id, when you passed one to the widget
 * @param partnerCustomerId your customer id, when you passed one to the widget
 * @param transactionHash   the blockchain transaction, once sent
 * @param createdAt         when the order was created
 * @param updatedAt         when it last changed, when Transak says
 */
public record TransakOrder(String id, String status, String isBuyOrSell, String fiatCurrency, String cryptoCurrency,
                           BigDecimal fiatAmount, Optional<BigDecimal> cryptoAmount, Optional<BigDecimal> amountPaid,
                           Optional<BigDecimal> totalFeeInFiat, Optional<String> network,
                           Optional<String> walletAddress, Optional<String> partnerOrderId,
                           Optional<String> partnerCustomerId, Optional<String> transactionHash, Instant createdAt,
                           Optional<Instant> updatedAt) {

    /**
     * Checks that every always-present component is there.
     *
     * @param id                Transak's order id
     * @param status            the order status, such as {@code AWAITING_PAYMENT_FROM_USER} or {@code COMPLETED};
     *                          several statuses share one event name ({@code ORDER_FAILED}: {@code EXPIRED},
     *                          {@code FAILED}, {@code CANCELLED})
     * @param isBuyOrSell       {@code BUY} (on-ramp) or {@code SELL} (off-ramp)
     * @param fiatCurrency      such as {@code EUR}
     * @param cryptoCurrency    such as {@code ETH}
     * @param fiatAmount        the fiat amount of the order
     * @param cryptoAmount      the crypto amount
     * @param amountPaid        what the user paid
     * @param totalFeeInFiat    Transak's total fee, in the fiat currency
     * @param network           the blockchain network, such as {@code ethereum}
     * @param walletAddress     the user's wallet
     * @param partnerOrderId    your order id, when you passed one to the widget
     * @param partnerCustomerId your customer id, when you passed one to the widget
     * @param transactionHash   the blockchain transaction, once sent
     * @param createdAt         when the order was created
     * @param updatedAt         when it last changed, when Transak says
     * @throws NullPointerException when an always-present component is null
     */
    public TransakOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(isBuyOrSell, "isBuyOrSell");
        Objects.requireNonNull(fiatCurrency, "fiatCurrency");
        Objects.requireNonNull(cryptoCurrency, "cryptoCurrency");
        Objects.requireNonNull(fiatAmount, "fiatAmount");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * True for a {@code BUY} (on-ramp) order.
     *
     * @return true for BUY, false for SELL
     */
    public boolean isBuy() {
        return "BUY".equalsIgnoreCase(isBuyOrSell);
    }
}
