/**
 * Revolut Ramp webhooks: the {@link dev.ramphook.revolut.RevolutRamp} provider, its order events typed as
 * {@link dev.ramphook.revolut.RevolutOrderEvent}, and its {@link dev.ramphook.revolut.RevolutSignature}.
 */
package dev.ramphook.revolut;
