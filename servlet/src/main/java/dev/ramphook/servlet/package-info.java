/**
 * ramphook in a servlet container (Jakarta Servlet 6.0; the {@code javax} variant of this jar for Servlet 4.0):
 * one filter in front of the webhook URLs.
 *
 * <p>Entry points, from the least code to the most control:
 * <ul>
 *   <li>{@link dev.ramphook.servlet.WebhookInitializer}: a {@code ServletContainerInitializer} found by the
 *       container; with a {@code ramphook.properties} file (or {@code ramphook.*} context parameters) it builds the
 *       receiver, registers the filter for the endpoint paths and closes the receiver when the application stops.
 *       No code.</li>
 *   <li>{@code dev.ramphook.servlet.spring}: the same for a Spring Boot application, configured from its
 *       {@code Environment}, with its beans as handlers; auto-configuration loaded by Spring Boot, never called
 *       directly.</li>
 *   <li>{@link dev.ramphook.servlet.WebhookFilter}: the filter itself, for an application that builds its
 *       {@link dev.ramphook.WebhookReceiver} in code and registers the filter like any other.</li>
 * </ul>
 * Requests to other paths pass down the filter chain untouched, their bodies unread.
 */
package dev.ramphook.servlet;
