/**
 * ZBD Ramp webhooks ({@code RAMP_WIDGET.V1.*}): the {@link dev.ramphook.zbd.ZbdRamp} provider and the typed data
 * of its 17 documented events.
 *
 * <p>The data records follow one rule for absent values: a field ZBD documents on every delivery of the event is a
 * plain component that is {@code null} only when a delivery breaks the documentation (missing, or another JSON
 * shape); a field ZBD documents as sometimes absent is an {@link java.util.Optional}. Metadata is never
 * {@code null}: it is empty when the delivery has none.
 *
 * <p>ZBD documents no signature for these webhooks: authenticate them with a secret token in the
 * {@code webhook_url} you choose per session, and/or by source IP.
 */
package dev.ramphook.zbd;
