package com.example.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A wrong configuration stops the application when it starts, not at the first delivery. */
class StartupTest {

    @Test
    void aMisspeltKeyStopsStartUp() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("ramphook.endpoint.zbd.secert-env", "ZBD_SECRET")))
                .hasStackTraceContaining("ramphook.endpoint.zbd.secert-env");
    }

    @Test
    void aSecretThatIsNotSetStopsStartUp() {
        assertThatThrownBy(() -> ApplicationContext.run(
                Map.of("ramphook.endpoint.mecash.secret-env", "RAMPHOOK_STARTUP_TEST_UNSET_VARIABLE")))
                .hasStackTraceContaining("RAMPHOOK_STARTUP_TEST_UNSET_VARIABLE")
                .satisfies(e -> assertThat(e.toString()).doesNotContain("it-token"));
    }
}
