package dev.ramphook.servlet.spring;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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

    /**
     * Runs {@code application} as if the process environment also held {@code variables}: a
     * {@link SystemEnvironmentPropertySource} of them right after Spring Boot's own, so that they rank as
     * environment variables do (below command-line arguments and system properties, above application.properties),
     * without touching the test JVM's real environment.
     */
    static ConfigurableApplicationContext runWithVariables(Class<?> application, Map<String, Object> variables,
                                                           String... args) {
        return new SpringApplicationBuilder(application)
                .initializers(context -> context.getEnvironment().getPropertySources().addAfter(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        // Spring Boot maps a source as variables only by this name ("systemEnvironment" or
                        // "<prefix>-systemEnvironment"), as it does for its own.
                        new SystemEnvironmentPropertySource("test-"
                                + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)))
                .run(args);
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
