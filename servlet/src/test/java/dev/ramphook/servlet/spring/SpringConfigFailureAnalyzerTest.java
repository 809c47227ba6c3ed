package dev.ramphook.servlet.spring;

import dev.ramphook.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Spring Boot's "APPLICATION FAILED TO START" report for a ramphook configuration error. */
class SpringConfigFailureAnalyzerTest {

    @Test
    void anUnsetSecretVariableIsReportedWithWhereTheApplicationMayGetIt() {
        ConfigException unset = new ConfigException("ramphook.endpoint.mecash.secret-env names MECASH_WEBHOOK_SECRET,"
                + " but neither an environment variable nor a system property MECASH_WEBHOOK_SECRET is set");

        FailureAnalysis analysis = new SpringConfigFailureAnalyzer().analyze(new IllegalStateException("wrapped", unset));

        assertThat(analysis.getDescription()).isEqualTo("ramphook configuration error: " + unset.getMessage());
        // The Spring Environment is where *-env names are looked up: a property source is as good as a variable.
        assertThat(analysis.getAction()).contains("Fix the ramphook.* key named above")
                .contains("give the application that variable").contains("any property source of the application");
        assertThat(analysis.getCause()).isSameAs(unset);
    }
}
