/**
 * Receiving webhooks in a Jakarta REST application (Quarkus REST, Jersey, RESTEasy):
 * {@link dev.ramphook.jakartarest.WebhookResource} is the sub-resource an application's locator returns for its
 * webhook paths. Compiled against {@code jakarta.ws.rs-api} 3.1, which core does not bring: the application's
 * Jakarta REST implementation does. The jar's {@code META-INF/beans.xml} is there for Quarkus REST, which builds a
 * sub-resource's methods only for classes in its CDI bean archive (discovery mode {@code annotated}: no bean here).
 */
package dev.ramphook.jakartarest;
