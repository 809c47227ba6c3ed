/**
 * Proving that a delivery is genuine, over the raw body bytes, before anything parses them.
 *
 * <table>
 *   <caption>Which authenticator for which sender</caption>
 *   <tr><th>sender</th><th>authenticator</th></tr>
 *   <tr><td>meCash (documented default)</td><td>{@code MeCash.signature} (the provider's default)</td></tr>
 *   <tr><td>meCash, {@code X-meCash-Signature: sha256=…}</td>
 *       <td>{@code MeCash.sha256Signature}</td></tr>
 *   <tr><td>ZBD Ramp ({@code RAMP_WIDGET.V1.*}, signs nothing)</td>
 *       <td>{@link dev.ramphook.auth.UrlToken} in the session's {@code webhook_url}, optionally with
 *       {@link dev.ramphook.auth.IpAllowlist}</td></tr>
 *   <tr><td>ZBD products that sign</td><td>{@code ZbdRamp.signature}</td></tr>
 *   <tr><td>Standard Webhooks / Svix senders</td><td>{@link dev.ramphook.auth.StandardWebhooks}</td></tr>
 *   <tr><td>Stripe, MoonPay ({@code t=…,v1=…})</td><td>{@link dev.ramphook.auth.TimestampedSignature}</td></tr>
 *   <tr><td>GitHub style {@code sha256=<hex>}</td>
 *       <td>{@code HmacSignature.sha256Hex(header, secret).prefix("sha256=")}</td></tr>
 * </table>
 *
 * <p>Combine with {@link dev.ramphook.Authenticator#allOf}: every member must accept, and the first
 * rejection is the answer (put the cheap {@code IpAllowlist} first). Rejections answer 401 (credential missing or
 * wrong, timestamp outside the window) or 403 (source address), with a reason that names the check and never
 * holds a secret or an expected signature; the receiver logs each rejection once.
 *
 * <p>Timestamps: both timestamped schemes refuse a timestamp further than the tolerance from now in either
 * direction (default 5 minutes). A replay inside the window is caught by deduplication, not here.
 */
package dev.ramphook.auth;
