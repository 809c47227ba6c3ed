package dev.ramphook.servlet.spring;

import dev.ramphook.config.ReceiverSettings;
import dev.ramphook.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Spring's spellings of the ramphook keys arrive at {@link ReceiverSettings} as the documented keys, and environment
 * variables as core's rule reads them (through the Environment's {@link SystemEnvironmentPropertySource}, here a map).
 */
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
    void variablesFollowCoresRuleAlsoForAnEndpointNameWithADash() {
        Map<String, String> variables = Map.of("RAMPHOOK_ENDPOINT_ZBD_EU_PATH", "/webhooks/zbd-eu",
                "RAMPHOOK_ENDPOINT_ZBD_EU_PROVIDER", "zbd", "RAMPHOOK_ENDPOINT_ZBD_EU_TOKEN_ENV", "ZBD_EU_TOKEN",
                "RAMPHOOK_CONSOLE_PASSWORD_ENV", "OPS_PASSWORD", "RAMPHOOK_HEALTH_MAX_PENDING_AGE", "120");

        // The JDK server and the Jetty example read the same variables as the same keys.
        assertThat(SpringSettings.read(environment(Map.copyOf(variables), Map.of())))
                .containsExactlyInAnyOrderEntriesOf(ReceiverSettings.environmentKeys(variables))
                .containsEntry("ramphook.endpoint.zbd-eu.token-env", "ZBD_EU_TOKEN");
    }

    @Test
    void aMisspeltVariableIsRefusedWithTheMessageEveryOtherStackGives() {
        Map<String, String> variables = Map.of("RAMPHOOK_ENDPOINT_ZBD_PATH", "/webhooks/zbd",
                "RAMPHOOK_ENDPOINT_ZBD_TOKEN_ENV", "T", "RAMPHOOK_MAX_BODY_BYTE", "2048");
        String elsewhere = catchThrowableOfType(ConfigException.class,
                () -> ReceiverSettings.fromEnvironment(variables)).getMessage();

        assertThatThrownBy(() -> ReceiverSettings.from(SpringSettings.read(environment(Map.copyOf(variables),
                Map.of())), name -> java.util.Optional.of("x"), getClass().getClassLoader()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(elsewhere)
                .hasMessageContaining("ramphook.max-body-byte is not a known ramphook key; did you mean"
                        + " ramphook.max-body-bytes?");
    }

    @Test
    void springsIndexedListVariablesStillMakeOneList() {
        Map<String, Object> variables = Map.of("RAMPHOOK_HANDLERS_0_", "com.example.A",
                "RAMPHOOK_HANDLERS_1_", "com.example.B");

        assertThat(SpringSettings.read(environment(variables, Map.of())))
                .containsExactlyEntriesOf(Map.of("ramphook.handlers", "com.example.A,com.example.B"));
    }

    @Test
    void theRulesSpellingWinsOverSpringsJoinedFormOfTheSameKey() {
        Map<String, String> values = SpringSettings.read(environment(Map.of("RAMPHOOK_MAXBODYBYTES", "2048",
                "RAMPHOOK_MAX_BODY_BYTES", "4096"), Map.of()));

        assertThat(values).containsExactlyEntriesOf(Map.of("ramphook.max-body-bytes", "4096"));
    }

    @Test
    void aVariableMeansOneKeyNotAlsoTheOneSpringWouldLookItUpUnder() {
        // Spring's own look-up of ramphook.endpoint.zbd-eu.path is RAMPHOOK_ENDPOINT_ZBDEU_PATH; by the one rule
        // that variable is endpoint zbdeu's path, and the file's zbd-eu keeps its own value.
        Map<String, String> values = SpringSettings.read(environment(
                Map.of("RAMPHOOK_ENDPOINT_ZBDEU_PATH", "/from-variable"),
                Map.of("ramphook.endpoint.zbd-eu.path", "/from-file")));

        assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ramphook.endpoint.zbd-eu.path", "/from-file", "ramphook.endpoint.zbdeu.path", "/from-variable"));
    }

    @Test
    void aCommandLineArgumentWinsOverAVariableWhichWinsOverTheFile() {
        StandardEnvironment environment = environment(Map.of("RAMPHOOK_WORKERS", "4",
                "RAMPHOOK_ENDPOINT_ZBD_EU_PATH", "/variable"), Map.of("ramphook.workers", "2",
                "ramphook.endpoint.zbd-eu.path", "/file", "ramphook.endpoint.zbd-eu.provider", "zbd"));
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs",
                Map.of("ramphook.workers", "8")));

        assertThat(SpringSettings.read(environment)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ramphook.workers", "8", "ramphook.endpoint.zbd-eu.path", "/variable",
                "ramphook.endpoint.zbd-eu.provider", "zbd"));
    }

    @Test
    void presentOnlyWithSomeRamphookKey() {
        assertThat(SpringSettings.present(environment(Map.of("PATH", "/bin"), Map.of("server.port", "0")))).isFalse();
        assertThat(SpringSettings.present(environment(Map.of(), Map.of("ramphook.workers", "3")))).isTrue();
    }
}
