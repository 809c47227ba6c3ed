package dev.ramphook.servlet.spring;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts Spring Boot test applications on a free loopback port (application.properties sets port 0). */
final class SpringApps {

    private SpringApps() {
    }

    static ConfigurableApplicationContext run(Class<?> application, String... args) {
        return run(new Class<?>[] {application}, args);
    }

    /** {@code args} are command-line arguments: they win over application.properties, as they would for a user. */
    static ConfigurableApplicationContext run(Class<?>[] sources, String... args) {
        return new SpringApplicationBuilder(sources).run(args);
    }

    static String[] args(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    static URI base(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    static void close(ConfigurableApplicationContext... contexts) {
        for (ConfigurableApplicationContext context : contexts) {
            if (context != null) {
                context.close();
            }
        }
    }
}
