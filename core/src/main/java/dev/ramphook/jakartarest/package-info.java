/**
 * Receiving webhooks in a Jakarta REST application (Quarkus REST, Jersey, RESTEasy):
 * {@link dev.ramphook.jakartarest.WebhookResource} is the sub-resource an application's locator returns for its
 * webhook paths. Compiled against {@code jakarta.ws.rs-api} 3.1, which core does not bring: the application's
 * Jakarta REST implementation does.
 */
package dev.ramphook.jakartarest;
