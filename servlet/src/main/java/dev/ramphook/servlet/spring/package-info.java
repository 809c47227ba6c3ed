/**
 * ramphook in a Spring Boot (3.5 and 4.x) servlet web application: auto-configurations that Spring Boot finds
 * through {@code META-INF/spring/}{@code org.springframework.boot.autoconfigure.AutoConfiguration.imports} and
 * {@code META-INF/spring.factories}. Applications never name these classes; they configure {@code ramphook.*} keys
 * and write {@code @OnEvent} beans (docs/spring-boot.md).
 *
 * <ul>
 *   <li>{@link dev.ramphook.servlet.spring.WebhookAutoConfiguration}: the receiver from the {@code Environment}'s
 *       {@code ramphook.*} keys, the application's beans as handlers, and a
 *       {@link dev.ramphook.servlet.WebhookFilter} for the endpoint paths;</li>
 *   <li>{@link dev.ramphook.servlet.spring.WebhookFilterAutoConfiguration}: the filter for an application's own
 *       receiver bean;</li>
 *   <li>{@link dev.ramphook.servlet.spring.RamphookActuatorAutoConfiguration} and
 *       {@link dev.ramphook.servlet.spring.RamphookTracingAutoConfiguration}: metrics, health and tracing, when the
 *       application has Micrometer, Actuator or OpenTelemetry.</li>
 * </ul>
 *
 * <p>Spring Boot is an optional dependency of ramphook-servlet: nothing here is loaded without it. The arrows point
 * one way: this package uses {@code dev.ramphook.servlet}'s public filter; that package never names this one. The
 * {@code javax} jar leaves this package out (Spring Boot 3 and 4 are Jakarta).
 */
package dev.ramphook.servlet.spring;
