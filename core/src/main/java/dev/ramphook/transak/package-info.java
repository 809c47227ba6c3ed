/**
 * Transak webhooks: the {@link dev.ramphook.transak.Transak} provider, orders typed as
 * {@link dev.ramphook.transak.TransakOrder}, and the pinned-HS256 {@link dev.ramphook.transak.TransakJwt}.
 */
package dev.ramphook.transak;
