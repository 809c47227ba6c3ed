package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.mecash.MeCash;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.zbd.ZbdRamp;
import org.junit.jupiter.api.Test;

/**
 * {@code endpoint(path, provider, secrets)} with a secret missing, as {@code System.getenv("ZBD_WEBHOOK_TOKEN")}
 * gives it when the variable is unset (the README's JDK HttpServer recipe): the message names the endpoint and
 * what to check, not only the authenticator class.
 */
class EndpointSecretsTest {

    @Test
    void aNullSecretNamesTheEndpointAndAsksWhetherItsVariableIsSet() {
        String unset = System.getenv("RAMPHOOK_TEST_SURELY_UNSET_VARIABLE");

        assertThatThrownBy(() -> WebhookReceiver.builder().endpoint("/webhooks/zbd", ZbdRamp.provider(), unset))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoint /webhooks/zbd (zbd): ")
                .hasMessageContaining("must not be null or empty")
                .hasMessageEndingWith("(is the environment variable or property it is read from set?)");
    }

    @Test
    void anEmptySecretToo() {
        assertThatThrownBy(() -> WebhookReceiver.builder().endpoint("/webhooks/mecash", MeCash.provider(), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoint /webhooks/mecash (mecash): ")
                .hasMessageContaining("environment variable");
    }

    @Test
    void noSecretAtAllNamesTheEndpoint() {
        assertThatThrownBy(() -> WebhookReceiver.builder().endpoint("/webhooks/mecash", MeCash.provider()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoint /webhooks/mecash (mecash): ");
    }

    @Test
    void aSecretIsTakenAsBefore() {
        assertThatCode(() -> WebhookReceiver.builder().endpoint("/webhooks/mecash", MeCash.provider(), "s3cret"))
                .doesNotThrowAnyException();
    }
}
