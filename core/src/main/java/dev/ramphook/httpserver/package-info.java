/**
 * Receiving webhooks with the JDK's built-in HTTP server ({@code com.sun.net.httpserver}), no container needed:
 * {@link dev.ramphook.httpserver.WebhookHttpHandler#of} turns a {@link dev.ramphook.receiver.WebhookReceiver} into the
 * handler of an {@code HttpServer} context.
 */
package dev.ramphook.httpserver;
