/**
 * Onramper webhooks: the {@link dev.ramphook.onramper.Onramper} provider, whose transaction status changes are
 * typed as {@link dev.ramphook.onramper.OnramperTransaction} under derived names such as {@code buy.completed}.
 */
package dev.ramphook.onramper;
