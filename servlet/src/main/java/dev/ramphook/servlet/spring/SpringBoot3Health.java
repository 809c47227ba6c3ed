package dev.ramphook.servlet.spring;

import dev.ramphook.ReceiverHealth;
import dev.ramphook.WebhookReceiver;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The receiver's health as a Spring Boot 3 Actuator {@code org.springframework.boot.actuate.health.HealthIndicator}
 * (the package Spring Boot 4 moved to {@code org.springframework.boot.health.contributor}, see
 * {@link SpringHealthIndicator}). This module compiles against Spring Boot 4, so the Spring Boot 3 types are
 * reached by name: a proxy implements the interface, and {@code Health.status(code).withDetails(map).build()} is
 * called through reflection, looked up once.
 */
final class SpringBoot3Health {

    static final String INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";
    private static final String HEALTH = "org.springframework.boot.actuate.health.Health";

    private SpringBoot3Health() {
    }

    /** A {@code HealthIndicator} of Spring Boot 3, from {@code classLoader}, reporting {@code receiver}. */
    static Object indicator(ClassLoader classLoader, Supplier<WebhookReceiver> receiver) throws ReflectiveOperationException {
        Class<?> indicator = Class.forName(INDICATOR, false, classLoader);
        Class<?> health = Class.forName(HEALTH, false, classLoader);
        Method status = health.getMethod("status", String.class);
        Class<?> builder = status.getReturnType();
        Method withDetails = builder.getMethod("withDetails", Map.class);
        Method build = builder.getMethod("build");
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "health":
                    ReceiverHealth current = receiver.get().health();
                    return build.invoke(withDetails.invoke(status.invoke(null, current.status().name()),
                            current.details()));
                case "toString":
                    return "ramphook health indicator (Spring Boot 3)";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default: // getHealth(boolean) and any other default method of the interface
                    return InvocationHandler.invokeDefault(proxy, method, args);
            }
        };
        return Proxy.newProxyInstance(classLoader, new Class<?>[] {indicator}, handler);
    }
}
