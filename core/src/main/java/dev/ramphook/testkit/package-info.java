/**
 * The test kit: correctly signed deliveries of any provider, for unit tests and for a running receiver, without a
 * tunnel and without the provider (what {@code stripe trigger} and Svix's {@code generateTestHeaderString} do for
 * their senders).
 *
 * <ul>
 *   <li>{@link dev.ramphook.testkit.Samples}: the catalog of every provider's documented delivery bodies, byte for
 *       byte, with their source pages;</li>
 *   <li>{@link dev.ramphook.testkit.SignedDelivery}: a body signed by any authenticator that can sign, as a
 *       {@link dev.ramphook.WebhookRequest} for {@code receive} or as a real HTTP POST.</li>
 * </ul>
 *
 * <pre>{@code
 * WebhookResponse answer = receiver.receive(
 *         Samples.find("mecash", "ramp.payout.completed").signed("/webhooks/mecash", secret).request());
 * }</pre>
 *
 * <p>It lives in ramphook-core and needs nothing else (the JDK's HTTP client for {@code post}), so a test needs no
 * extra dependency. Signing uses {@link dev.ramphook.auth.Authenticator#sign}.
 */
package dev.ramphook.testkit;
