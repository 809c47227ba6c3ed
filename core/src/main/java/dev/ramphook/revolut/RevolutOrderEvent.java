package dev.ramphook.revolut;

import java.util.Objects;
import java.util.Optional;

/**
 * A Revolut Ramp order event. Revolut sends only the order id, the wallet and the event name: fetch the order from
 * the Crypto Ramp API ({@code GET /orders/{order_id}?wallet=…}) for amounts and state, as Revolut advises.
 *
 * @param orderId the order's external id ({@code order_id}), always present
 * @param wallet  the wallet address the crypto goes to ({@code wallet}), when sent
 */
public record RevolutOrderEvent(String orderId, Optional<String> wallet) {

    /**
     * Checks that the order id is present.
     *
     * @param orderId the order's external id ({@code order_id}), always present
     * @param wallet  the wallet address the crypto goes to ({@code wallet}), when sent
     * @throws NullPointerException when an always-present component is null
     */
    public RevolutOrderEvent {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(wallet, "wallet");
    }
}
