package dev.ramphook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented rule from environment variables to keys, and a receiver configured by variables alone. */
class EnvironmentKeysTest {

    @Test
    void aVariableIsItsKeyUpperCaseWithUnderscoresForDotsAndDashes() {
        assertThat(ReceiverSettings.environmentKeys(Map.of(
                "RAMPHOOK_MAX_BODY_BYTES", "4096",
                "RAMPHOOK_HEALTH_MAX_PENDING_AGE", "60",
                "RAMPHOOK_CONSOLE_PASSWORD_ENV", "OPS_PASSWORD",
                "RAMPHOOK_ENDPOINT_ZBD_PATH", "/webhooks/zbd",
                "RAMPHOOK_ENDPOINT_ZBD_EU_TOKEN_ENV", "ZBD_EU_TOKEN",
                "PATH", "/bin"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ramphook.max-body-bytes", "4096",
                "ramphook.health.max-pending-age", "60",
                "ramphook.console.password-env", "OPS_PASSWORD",
                "ramphook.endpoint.zbd.path", "/webhooks/zbd",
                "ramphook.endpoint.zbd-eu.token-env", "ZBD_EU_TOKEN"));
    }

    @Test
    void aVariableThatAnEnvKeyNamesHoldsASecretAndIsNoKey() {
        assertThat(ReceiverSettings.environmentKeys(Map.of(
                "RAMPHOOK_CONSOLE_PASSWORD_ENV", "RAMPHOOK_CONSOLE_PASSWORD",
                "RAMPHOOK_CONSOLE_PASSWORD", "s3cret-s3cret-s3cret",
                "RAMPHOOK_ENDPOINT_MECASH_SECRET_ENV", "RAMPHOOK_MECASH_OLD,RAMPHOOK_MECASH_NEW",
                "RAMPHOOK_MECASH_OLD", "old", "RAMPHOOK_MECASH_NEW", "new")))
                .containsOnlyKeys("ramphook.console.password-env", "ramphook.endpoint.mecash.secret-env");
    }

    @Test
    void aMisspeltVariableIsReportedWithTheKeyItWasMeantToBe() {
        Map<String, String> environment = Map.of("RAMPHOOK_ENDPOINT_ZBD_PATH", "/webhooks/zbd",
                "RAMPHOOK_ENDPOINT_ZBD_TOKEN_ENV", "ZBD_TOKEN", "ZBD_TOKEN", "t0k3n",
                "RAMPHOOK_MAX_BODY_BYTE", "4096");

        assertThatThrownBy(() -> ReceiverSettings.fromEnvironment(environment)).isInstanceOf(ConfigException.class)
                .hasMessage("ramphook.max-body-byte is not a known ramphook key; did you mean"
                        + " ramphook.max-body-bytes?");
    }

    @Test
    void variablesAloneConfigureAReceiverWhoseSecretsComeFromTheSameMap() {
        Map<String, String> environment = Map.of("RAMPHOOK_ENDPOINT_ZBD_PATH", "/webhooks/zbd",
                "RAMPHOOK_ENDPOINT_ZBD_TOKEN_ENV", "RAMPHOOK_ZBD_TOKEN", "RAMPHOOK_ZBD_TOKEN", "t0k3n-from-env");

        try (WebhookReceiver receiver = ReceiverSettings.fromEnvironment(environment).build()) {
            byte[] body = ("{\"event\":\"RAMP_WIDGET.V1.SESSION.INITIATED\",\"data\":{\"session_id\":\"s-1\"},"
                    + "\"created_at\":\"2025-01-15T10:30:00Z\"}").getBytes(StandardCharsets.UTF_8);
            WebhookRequest.Builder request = WebhookRequest.builder().method("POST").path("/webhooks/zbd")
                    .header("Content-Type", "application/json").body(body);

            assertThat(receiver.receive(request.query("token=t0k3n-from-env").build()).status()).isEqualTo(200);
            assertThat(receiver.receive(request.query("token=wrong").build()).status()).isEqualTo(401);
        }
    }
}
