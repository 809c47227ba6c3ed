/**
 * meCash webhooks: the {@link dev.ramphook.mecash.MeCash} provider, ramp payouts typed as
 * {@link dev.ramphook.mecash.RampPayout} and fiat payouts, collections and virtual-account fundings as
 * {@link dev.ramphook.mecash.FiatTransaction}.
 *
 * <p>Absent values: a component is {@code null} when the delivery lacks the field or sends it in another JSON shape
 * than the documentation (an amount as a string where a number is documented is still read; {@code fees} as an
 * array is not, so it is {@code null}). Text fields are kept as delivered, including the empty strings meCash
 * sends for unused account fields. Amounts are exact {@link java.math.BigDecimal}s, never read through
 * {@code double} when the JSON reader keeps decimals exact. meCash timestamps carry no zone: they are
 * {@link java.time.LocalDateTime}s here; {@link dev.ramphook.WebhookEvent#occurredAt()} reads them as UTC.
 */
package dev.ramphook.mecash;
