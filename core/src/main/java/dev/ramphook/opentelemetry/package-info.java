/**
 * OpenTelemetry tracing of a receiver, for applications that have {@code io.opentelemetry:opentelemetry-api}:
 * {@link dev.ramphook.opentelemetry.RamphookTracing#of} is a {@link dev.ramphook.DeliveryListener} that adds a span
 * per delivery and a linked messaging {@code process} span per handler run.
 */
package dev.ramphook.opentelemetry;
