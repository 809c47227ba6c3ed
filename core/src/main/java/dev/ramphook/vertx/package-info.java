/**
 * Receiving webhooks on Vert.x 5 (Vert.x Web): {@link dev.ramphook.vertx.WebhookRouteHandler} is the route
 * handler for a router's webhook paths. Compiled against {@code io.vertx:vertx-web} 5, which core does not bring:
 * the application does.
 */
package dev.ramphook.vertx;
