package dev.ramphook.servlet.spring;

import dev.ramphook.config.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a ramphook configuration error into Spring Boot's "APPLICATION FAILED TO START" report: the message that
 * names the key, instead of a chain of bean-creation exceptions. Registered in {@code META-INF/spring.factories}.
 */
final class SpringConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
        return new FailureAnalysis("ramphook configuration error: " + cause.getMessage(),
                "Fix the ramphook.* key named above (application.properties or YAML, a profile, or an environment"
                        + " variable such as RAMPHOOK_ENDPOINT_ZBD_TOKEN_ENV); the keys are listed in ramphook's"
                        + " docs/configuration.md. If the key names a secret's variable that is not set, give the"
                        + " application that variable: an environment variable, a system property, or any property"
                        + " source of the"
                        + " application (application.properties, a profile, a command-line argument).", cause);
    }
}
