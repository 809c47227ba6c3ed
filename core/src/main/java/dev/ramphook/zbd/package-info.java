/**
 * ZBD Ramp webhooks ({@code RAMP_WIDGET.V1.*}): the {@link dev.ramphook.zbd.ZbdRamp} provider and the typed data
 * of its 17 documented events.
 *
 * <p>Entry points: {@link dev.ramphook.zbd.ZbdRamp#provider()} for {@code WebhookReceiver.Builder.endpoint}
 * (or {@code provider=zbd} in {@code ramphook.properties}), and the records {@link dev.ramphook.zbd.ZbdSession},
 * {@link dev.ramphook.zbd.ZbdAccessToken}, {@link dev.ramphook.zbd.ZbdPayment} and
 * {@link dev.ramphook.zbd.ZbdWithdrawal} (sealed {@link dev.ramphook.zbd.ZbdRampData}) as parameters of
 * {@code @OnEvent} methods.
 *
 * <p>The data records follow one rule for absent values: a field ZBD documents on every delivery of the event is a
 * plain component that is never {@code null} (a delivery where it is missing or has another JSON shape is not
 * typed: it arrives with its JSON {@code data} node as data, and a WARN line names the field); a field ZBD
 * documents as sometimes absent is an {@link java.util.Optional}. Metadata is never {@code null}: it is empty when
 * the delivery has none. Tokens are {@link dev.ramphook.zbd.ZbdSecretToken}s, which print as {@code ***}.
 *
 * <p>ZBD documents no signature for these webhooks: authenticate them with a secret token in the
 * {@code webhook_url} you choose per session, and/or by source IP.
 */
package dev.ramphook.zbd;
