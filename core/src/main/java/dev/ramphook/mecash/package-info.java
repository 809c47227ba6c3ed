/**
 * meCash webhooks: the {@link dev.ramphook.mecash.MeCash} provider, ramp payouts typed as
 * {@link dev.ramphook.mecash.MeCashPayout} and fiat payouts, collections and virtual-account fundings as
 * {@link dev.ramphook.mecash.MeCashFiatTransaction}.
 *
 * <p>Entry points: {@link dev.ramphook.mecash.MeCash#provider()} for {@code WebhookReceiver.Builder.endpoint} (or
 * {@code provider=mecash} in {@code ramphook.properties}), and the records as parameters of {@code @OnEvent}
 * methods ({@link dev.ramphook.mecash.MeCashData} for every typed meCash event).
 *
 * <p>Absent values: a field meCash documents on every delivery is never {@code null} (a delivery where it is
 * missing or has another JSON shape is not typed: it arrives with its JSON {@code data} node as data, and a WARN
 * line names the field); a field it documents as sometimes absent is an {@link java.util.Optional}. An amount sent
 * as a string where a number is documented is still read; {@code fees} is read both as the webhook's object and as
 * the order API's array. Text fields are kept as delivered, including the empty strings meCash
 * sends for unused account fields. Amounts are exact {@link java.math.BigDecimal}s, never read through
 * {@code double} when the JSON reader keeps decimals exact. meCash timestamps carry no zone: they are
 * {@link java.time.LocalDateTime}s here; {@link dev.ramphook.WebhookEvent#occurredAt()} reads them as UTC.
 */
package dev.ramphook.mecash;
