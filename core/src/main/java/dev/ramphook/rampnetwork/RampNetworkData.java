package dev.ramphook.rampnetwork;

/**
 * What every typed Ramp Network event carries: an on-ramp purchase ({@link RampNetworkPurchase}) or an off-ramp sale
 * ({@link RampNetworkSale}). A handler taking this type receives both.
 */
public sealed interface RampNetworkData permits RampNetworkPurchase, RampNetworkSale {

    /** {@return Ramp Network's id of the purchase or sale, the same in every event about it} */
    String id();
}
