package com.example.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.config.ConfigException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the application's ramphook.* keys come from Quarkus' configuration into core's parser: the sources and
 * ordinals Quarkus uses (application.properties 250, environment variables 300), without starting Quarkus.
 */
class ReceiversTest {

    private static final Map<String, String> ZBD = Map.of(
            "ramphook.endpoint.zbd.path", "/webhooks/zbd",
            "ramphook.endpoint.zbd.auth", "url-token",
            "ramphook.endpoint.zbd.token-env", "ZBD_WEBHOOK_TOKEN");

    @Test
    void aMisspeltKeyStopsStartUpWithRamphooksOwnMessage() {
        Map<String, String> properties = new HashMap<>(ZBD);
        properties.put("ramphook.max-body-byte", "2000");

        assertThatThrownBy(() -> Receivers.settings(config("prod", properties, Map.of("ZBD_WEBHOOK_TOKEN", "t"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ramphook.max-body-byte is not a known ramphook key; "
                        + "did you mean ramphook.max-body-bytes?");
    }

    @Test
    void anEnvironmentVariableWinsOverApplicationProperties() {
        Map<String, String> properties = new HashMap<>(ZBD);
        properties.put("ramphook.max-body-bytes", "2000");

        assertThat(maxBodyBytes(config("prod", properties,
                Map.of("ZBD_WEBHOOK_TOKEN", "t", "RAMPHOOK_MAX_BODY_BYTES", "3000")))).isEqualTo(3000);
    }

    @Test
    void aKeySetByAnEnvironmentVariableAloneIsReadByRamphooksRule() {
        assertThat(maxBodyBytes(config("prod", ZBD,
                Map.of("ZBD_WEBHOOK_TOKEN", "t", "RAMPHOOK_MAX_BODY_BYTES", "4000")))).isEqualTo(4000);
    }

    @Test
    void aProfileKeyAppliesInItsProfileOnly() {
        Map<String, String> properties = new HashMap<>(ZBD);
        properties.put("%dev.ramphook.max-body-bytes", "5000");
        Map<String, String> environment = Map.of("ZBD_WEBHOOK_TOKEN", "t");

        assertThat(maxBodyBytes(config("dev", properties, environment))).isEqualTo(5000);
        assertThat(maxBodyBytes(config("prod", properties, environment))).isEqualTo(1 << 20);
    }

    @Test
    void aSecretVariableThatLooksLikeAKeyIsASecret() {
        Map<String, String> properties = new HashMap<>(ZBD);
        properties.put("ramphook.endpoint.zbd.token-env", "RAMPHOOK_ZBD_TOKEN");

        assertThat(maxBodyBytes(config("prod", properties, Map.of("RAMPHOOK_ZBD_TOKEN", "t")))).isEqualTo(1 << 20);
    }

    @Test
    void anUnsetSecretStopsStartUpNamingItsKey() {
        assertThatThrownBy(() -> Receivers.settings(config("prod", ZBD, Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ramphook.endpoint.zbd.token-env")
                .hasMessageContaining("ZBD_WEBHOOK_TOKEN");
    }

    private static int maxBodyBytes(SmallRyeConfig config) {
        try (WebhookReceiver receiver = Receivers.settings(config).build()) {
            return receiver.maxBodyBytes();
        }
    }

    private static SmallRyeConfig config(String profile, Map<String, String> properties,
                                         Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
    }
}
