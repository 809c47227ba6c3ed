/**
 * Ramp Network webhooks: the {@link dev.ramphook.rampnetwork.RampNetwork} provider, purchases and sales typed as
 * {@link dev.ramphook.rampnetwork.RampNetworkPurchase} and {@link dev.ramphook.rampnetwork.RampNetworkSale} (sealed
 * {@link dev.ramphook.rampnetwork.RampNetworkData}), and the secp256k1
 * {@link dev.ramphook.rampnetwork.RampNetworkSignature} (needs BouncyCastle, an optional dependency).
 */
package dev.ramphook.rampnetwork;
