/**
 * The test kit: correctly signed deliveries of any provider, for unit tests and for a running receiver, without a
 * tunnel and without the provider (what {@code stripe trigger} and Svix's {@code generateTestHeaderString} do for
 * their senders).
 *
 * <ul>
 *   <li>{@link dev.ramphook.testkit.Samples}: the catalog of every provider's documented delivery bodies, byte for
 *       byte, with their source pages;</li>
 *   <li>{@link dev.ramphook.testkit.SignedDelivery}: a body signed by any authenticator that can sign, as a
 *       {@link dev.ramphook.WebhookRequest} for {@code receive} or as a real HTTP POST;</li>
 *   <li>{@link dev.ramphook.testkit.TestKeyPair}: a test key pair for the schemes verified with the sender's public
 *       key (Ramp Network's secp256k1, Standard Webhooks' Ed25519 {@code v1a}), whose signer signs and whose public
 *       key the receiver under test trusts.</li>
 * </ul>
 *
 * <pre>{@code
 * WebhookResponse answer = receiver.receive(
 *         Samples.find("mecash", "ramp.payout.completed").signed("/webhooks/mecash", secret).request());
 * }</pre>
 *
 * <p>It lives in ramphook-core and needs nothing else (the JDK's HTTP client for {@code post}), so a test needs no
 * extra dependency; only Ramp Network test keys need BouncyCastle, as Ramp Network verification itself does.
 * Signing uses {@link dev.ramphook.Authenticator#sign}.
 */
package dev.ramphook.testkit;
