package dev.ramphook.servlet.spring;

import dev.ramphook.ReceiverHealth;
import dev.ramphook.WebhookReceiver;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The receiver's {@link WebhookReceiver#health()} as a Spring Boot 4 Actuator health indicator (component
 * {@code ramphook}): {@code UP}, {@code DOWN}, or {@code DEGRADED} (a status of its own, which Spring Boot's default
 * aggregation leaves out of the overall status; add it to {@code management.endpoint.health.status.order} to count
 * it), with {@link ReceiverHealth#details()} as details. Spring Boot 3 gets the same through
 * {@link SpringBoot3Health}.
 */
final class SpringHealthIndicator implements HealthIndicator {

    private final WebhookReceiver receiver;

    SpringHealthIndicator(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public Health health() {
        ReceiverHealth health = receiver.health();
        return Health.status(new Status(health.status().name())).withDetails(health.details()).build();
    }
}
