package dev.ramphook.servlet.spring;

import dev.ramphook.DeliveryListener;
import dev.ramphook.opentelemetry.RamphookTracing;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot: with OpenTelemetry's API on the class path and an {@link OpenTelemetry} bean (Spring Boot's own
 * OpenTelemetry support, or the application's), a {@link RamphookTracing} listener bean named
 * {@code ramphookTracing}. The auto-configured receiver takes every {@link DeliveryListener} bean, this one
 * included; an application that builds its own receiver registers it with {@code listener(...)}. An application
 * that defines a bean of that name keeps its own.
 */
// "exports": OpenTelemetry and Spring Boot are optional (requires static); only Spring Boot reads this class.
@SuppressWarnings("exports")
@AutoConfiguration(afterName = {
        "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration", // Spring Boot 4
        "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration"}) // Boot 3
@ConditionalOnClass(name = "io.opentelemetry.api.OpenTelemetry")
@ConditionalOnBean(type = "io.opentelemetry.api.OpenTelemetry")
public class RamphookTracingAutoConfiguration {

    /** Creates the configuration; Spring Boot calls this. */
    public RamphookTracingAutoConfiguration() {
    }

    /**
     * The tracing listener.
     *
     * @param openTelemetry the application's OpenTelemetry
     * @return a listener that traces every receiver it is registered on
     */
    @Bean
    @ConditionalOnMissingBean(name = "ramphookTracing")
    public DeliveryListener ramphookTracing(OpenTelemetry openTelemetry) {
        return RamphookTracing.of(openTelemetry);
    }
}
