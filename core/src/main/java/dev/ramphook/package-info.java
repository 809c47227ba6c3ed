/**
 * Receive webhooks from crypto on/off-ramp providers: verified over the raw bytes, parsed into typed events,
 * deduplicated, recorded before they are acknowledged, and handed to your handlers.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link dev.ramphook.receiver.WebhookReceiver#builder()}: endpoints (path, {@link dev.ramphook.Provider},
 *       {@link dev.ramphook.Authenticator}), handlers, a {@link dev.ramphook.store.EventStore} and settings;
 *       {@code build()} gives the thread-safe receiver that answers each {@link dev.ramphook.WebhookRequest} with a
 *       {@link dev.ramphook.WebhookResponse}. Servlet containers and Spring Boot use it through
 *       {@code ramphook-servlet}; the JDK's HTTP server through {@link dev.ramphook.httpserver}.</li>
 *   <li>{@link dev.ramphook.OnEvent} on your methods (or {@link dev.ramphook.EventHandler} registered with
 *       {@code on(pattern, handler)}): parameters bind by type to the typed data, the
 *       {@link dev.ramphook.WebhookEvent} envelope, the JSON tree and the {@link dev.ramphook.DeliveryContext}.</li>
 *   <li>Providers: {@code dev.ramphook.zbd.ZbdRamp.provider()}, {@code dev.ramphook.mecash.MeCash.provider()}, or
 *       one of your own ({@link dev.ramphook.Provider}, with the helpers of {@code dev.ramphook.provider}).</li>
 *   <li>{@link dev.ramphook.Masking}: the one rule by which webhook data is shown to people (the console, the
 *       examples' event lists), for your own pages and logs of payloads.</li>
 * </ul>
 *
 * <p>Everything in {@code dev.ramphook.internal.*} (the engine and its helpers) is not API, and not exported by the
 * module.
 */
package dev.ramphook;
