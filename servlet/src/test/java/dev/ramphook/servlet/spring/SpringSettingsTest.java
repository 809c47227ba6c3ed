package dev.ramphook.servlet.spring;

import dev.ramphook.config.ReceiverSettings;
import dev.ramphook.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Spring's spellings of the ramphook keys arrive at {@link Settings} as the documented keys. */
class SpringSettingsTest {

    /** An environment of process variables over application properties, as Spring Boot orders them. */
    private static StandardEnvironment environment(Map<String, Object> variables, Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new SystemEnvironmentPropertySource("systemEnvironment", variables));
        environment.getPropertySources().addLast(new MapPropertySource("application.properties", properties));
        return environment;
    }

    @Test
    void keysAsDocumentedPassUnchanged() {
        Map<String, Object> file = Map.of("ramphook.endpoint.zbd.path", "/webhooks/zbd",
                "ramphook.endpoint.zbd.token-env", "ZBD_WEBHOOK_TOKEN", "ramphook.max-body-bytes", "2048",
                "server.port", "8080");

        assertThat(SpringSettings.read(environment(Map.of(), file))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ramphook.endpoint.zbd.path", "/webhooks/zbd",
                "ramphook.endpoint.zbd.token-env", "ZBD_WEBHOOK_TOKEN",
                "ramphook.max-body-bytes", "2048"));
    }

    @Test
    void camelCaseAndUnderscoreSpellingsBecomeTheDocumentedKeys() {
        Map<String, Object> file = Map.of("ramphook.maxBodyBytes", "2048",
                "ramphook.endpoint.zbd.token_env", "ZBD_WEBHOOK_TOKEN", "ramphook.endpoint.zbd.signatureHeader", "X");

        assertThat(SpringSettings.read(environment(Map.of(), file))).containsOnlyKeys("ramphook.max-body-bytes",
                "ramphook.endpoint.zbd.token-env", "ramphook.endpoint.zbd.signature-header");
    }

    @Test
    void environmentVariablesInSpringsFormAndWithAnUnderscorePerDashAreKeys() {
        Map<String, Object> variables = Map.of("RAMPHOOK_WORKERS", "4", "RAMPHOOK_MAXBODYBYTES", "2048",
                "RAMPHOOK_ENDPOINT_ZBD_TOKENENV", "ZBD_WEBHOOK_TOKEN",
                "RAMPHOOK_ENDPOINT_MECASH_SECRET_ENV", "MECASH_WEBHOOK_SECRET");

        assertThat(SpringSettings.read(environment(variables, Map.of()))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ramphook.workers", "4",
                "ramphook.max-body-bytes", "2048",
                "ramphook.endpoint.zbd.token-env", "ZBD_WEBHOOK_TOKEN",
                "ramphook.endpoint.mecash.secret-env", "MECASH_WEBHOOK_SECRET"));
    }

    @Test
    void anEnvironmentVariableWinsOverTheFileHoweverTheFileSpellsTheKey() {
        Map<String, String> values = SpringSettings.read(environment(Map.of("RAMPHOOK_MAX_BODY_BYTES", "4096"),
                Map.of("ramphook.maxBodyBytes", "2048")));

        assertThat(values).containsExactlyEntriesOf(Map.of("ramphook.max-body-bytes", "4096"));
    }

    @Test
    void aDottedKeyIsFoundAsAnEnvironmentVariableToo() {
        Map<String, String> values = SpringSettings.read(environment(
                Map.of("RAMPHOOK_HEALTH_MAX_PENDING_AGE", "120"), Map.of()));

        assertThat(values).containsExactlyEntriesOf(Map.of("ramphook.health.max-pending-age", "120"));
    }

    @Test
    void indexedListsBecomeCommaSeparatedValues() {
        Map<String, Object> yaml = Map.of("ramphook.handlers[0]", "com.example.A", "ramphook.handlers[1]",
                "com.example.B", "ramphook.endpoint.zbd.allowed-ips[0]", "203.0.113.0/24",
                "ramphook.endpoint.zbd.allowed-ips[1]", "2001:db8::/32");

        assertThat(SpringSettings.read(environment(Map.of(), yaml))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ramphook.handlers", "com.example.A,com.example.B",
                "ramphook.endpoint.zbd.allowed-ips", "203.0.113.0/24,2001:db8::/32"));
    }

    @Test
    void aMisspeltKeyReachesTheParserWhichNamesIt() {
        Map<String, Object> file = Map.of("ramphook.endpoint.zbd.path", "/webhooks/zbd",
                "ramphook.endpoint.zbd.auth", "url-token", "ramphook.endpoint.zbd.token-env", "T",
                "ramphook.endpoint.zbd.tokn-param", "t");
        Map<String, String> keys = SpringSettings.read(environment(Map.of(), file));

        assertThatThrownBy(() -> ReceiverSettings.from(keys, name -> java.util.Optional.of("x"),
                getClass().getClassLoader()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ramphook.endpoint.zbd.tokn-param");
    }

    @Test
    void everyRamphookVariableIsAKeyExceptTheSecretsThatEnvKeysName() {
        // The Jetty example's variables are ordinary keys now: nothing is ignored, so nothing misspelt is either.
        Map<String, Object> variables = Map.of("RAMPHOOK_JDBC_URL", "jdbc:postgresql://db/x",
                "RAMPHOOK_ALLOWED_IPS", "10.0.0.0/8", "RAMPHOOK_ENDPOINT_ZBD_TOKNENV", "T",
                "RAMPHOOK_CONSOLE_PASSWORD_ENV", "RAMPHOOK_CONSOLE_PASSWORD", "RAMPHOOK_CONSOLE_PASSWORD", "s3cret-s3cret");

        assertThat(SpringSettings.read(environment(variables, Map.of()))).containsOnlyKeys("ramphook.jdbc.url",
                "ramphook.allowed-ips", "ramphook.endpoint.zbd.toknenv", "ramphook.console.password-env");
    }

    @Test
    void presentOnlyWithSomeRamphookKey() {
        assertThat(SpringSettings.present(environment(Map.of("PATH", "/bin"), Map.of("server.port", "0")))).isFalse();
        assertThat(SpringSettings.present(environment(Map.of(), Map.of("ramphook.workers", "3")))).isTrue();
    }
}
