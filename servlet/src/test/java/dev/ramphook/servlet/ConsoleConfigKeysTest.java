package dev.ramphook.servlet;

import dev.ramphook.config.ReceiverSettings;
import dev.ramphook.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code ramphook.console.*} keys: off by default, credentials only from named variables, mistakes named. */
class ConsoleConfigKeysTest {

    private static final Map<String, String> SECRETS = Map.of("ECHO_TOKEN", "t0k3n-value",
            "CONSOLE_PASSWORD", "a-long-console-password", "SHORT", "short");

    private final Map<String, String> keys = new HashMap<>(Map.of(
            "ramphook.endpoint.echo.path", "/webhooks/echo",
            "ramphook.endpoint.echo.auth", "url-token",
            "ramphook.endpoint.echo.token-env", "ECHO_TOKEN"));

    private ReceiverSettings parse() {
        return ReceiverSettings.from(keys, name -> Optional.ofNullable(SECRETS.get(name)),
                getClass().getClassLoader());
    }

    @Test
    void theConsoleIsOffUnlessItsPathIsSet() {
        assertThat(parse().consolePath()).isEmpty();
        assertThat(parse().urlPatterns()).containsExactly("/webhooks/echo", "/webhooks/echo/*");
    }

    @Test
    void aPathAndAPasswordVariableTurnItOnAndTheFilterCoversIt() {
        keys.put("ramphook.console.path", "/ops");
        keys.put("ramphook.console.password-env", "CONSOLE_PASSWORD");

        assertThat(parse().consolePath()).contains("/ops");
        assertThat(parse().urlPatterns()).contains("/ops", "/ops/*");
    }

    @Test
    void aPathWithoutCredentialsStopsStartUp() {
        keys.put("ramphook.console.path", "/ops");

        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ramphook.console.password-env").hasMessageContaining("ramphook.console.token-env");
    }

    @Test
    void anUnsetVariableLeavesTheConsoleOffAndAShortSecretStopsStartUpUnshown() {
        keys.put("ramphook.console.path", "/ops");
        keys.put("ramphook.console.token-env", "NOT_SET");
        assertThat(parse().consolePath()).isEmpty();
        assertThat(parse().urlPatterns()).doesNotContain("/ops", "/ops/*");

        keys.put("ramphook.console.token-env", "SHORT");
        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least 12").message().doesNotContain("short");
    }

    @Test
    void consoleKeysWithoutAPathAndMisspeltKeysAreRefused() {
        keys.put("ramphook.console.password-env", "CONSOLE_PASSWORD");
        assertThatThrownBy(this::parse).hasMessageContaining("ramphook.console.path is required");

        keys.put("ramphook.console.path", "/ops");
        keys.put("ramphook.console.pasword-env", "CONSOLE_PASSWORD");
        assertThatThrownBy(this::parse).hasMessageContaining("did you mean ramphook.console.password-env");
    }

    @Test
    void theConsoleMayNotShareAnEndpointsPath() {
        keys.put("ramphook.console.path", "/webhooks/echo");
        keys.put("ramphook.console.password-env", "CONSOLE_PASSWORD");

        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ramphook.console.path=/webhooks/echo overlaps the path of endpoint echo");
    }
}
