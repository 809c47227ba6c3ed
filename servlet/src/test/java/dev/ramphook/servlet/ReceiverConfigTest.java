package dev.ramphook.servlet;

import dev.ramphook.config.ReceiverSettings;
import dev.ramphook.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.WebhookRequest;
import dev.ramphook.Verification;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReceiverConfigTest {

    private static final Map<String, String> SECRETS = Map.of("ECHO_TOKEN", "t0k3n-value", "ECHO_SECRET", "s3cret",
            "ECHO_SECRET_OLD", "old-s3cret");

    private final Map<String, String> keys = new HashMap<>(Map.of(
            "ramphook.endpoint.echo.path", "/webhooks/echo",
            "ramphook.endpoint.echo.auth", "url-token",
            "ramphook.endpoint.echo.token-env", "ECHO_TOKEN"));

    private ReceiverSettings parse() {
        return ReceiverSettings.from(keys, name -> Optional.ofNullable(SECRETS.get(name)),
                getClass().getClassLoader());
    }

    private static Verification verify(ReceiverSettings config, WebhookRequest request) {
        return config.endpoints().get(0).authenticator().verify(request, new byte[0]);
    }

    @Test
    void endpointTakesItsPathAndFindsTheProviderNamedLikeIt() {
        ReceiverSettings.Endpoint endpoint = parse().endpoints().get(0);

        assertThat(endpoint.path()).isEqualTo("/webhooks/echo");
        assertThat(endpoint.provider().id()).isEqualTo("echo");
    }

    @Test
    void urlTokenReadsTheSecretFromTheNamedVariableAndTheTokenQueryParameter() {
        ReceiverSettings config = parse();

        assertThat(verify(config, WebhookRequest.builder().path("/webhooks/echo").query("token=t0k3n-value").build())
                .isOk()).isTrue();
        assertThat(verify(config, WebhookRequest.builder().path("/webhooks/echo").query("token=wrong").build())
                .status()).isEqualTo(401);
    }

    @Test
    void urlTokenParameterNameIsConfigurable() {
        keys.put("ramphook.endpoint.echo.token-param", "key");

        ReceiverSettings config = parse();

        assertThat(verify(config, WebhookRequest.builder().path("/webhooks/echo").query("key=t0k3n-value").build())
                .isOk()).isTrue();
    }

    @Test
    void hmacReadsHeaderPrefixAndEverySecretForRotation() {
        keys.remove("ramphook.endpoint.echo.token-env");
        keys.put("ramphook.endpoint.echo.auth", "hmac-sha256-hex");
        keys.put("ramphook.endpoint.echo.signature-header", "X-Echo-Signature");
        keys.put("ramphook.endpoint.echo.signature-prefix", "sha256=");
        keys.put("ramphook.endpoint.echo.secret-env", "ECHO_SECRET, ECHO_SECRET_OLD");

        ReceiverSettings config = parse();

        String oldSignature = "sha256=" + Hmac.sha256Hex("old-s3cret", new byte[0]);
        assertThat(verify(config, WebhookRequest.builder().path("/webhooks/echo")
                .header("X-Echo-Signature", oldSignature).build()).isOk()).isTrue();
        assertThat(verify(config, WebhookRequest.builder().path("/webhooks/echo")
                .header("X-Signature", oldSignature).build()).status()).isEqualTo(401);
    }

    @Test
    void noneMustBeChosenExplicitly() {
        keys.remove("ramphook.endpoint.echo.auth");

        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ramphook.endpoint.echo.auth is required");
    }

    @Test
    void explicitNoneAcceptsEveryDelivery() {
        keys.remove("ramphook.endpoint.echo.token-env");
        keys.put("ramphook.endpoint.echo.auth", "none");

        assertThat(verify(parse(), WebhookRequest.builder().path("/webhooks/echo").build()).isOk()).isTrue();
    }

    @Test
    void unknownSchemeNamesTheKey() {
        keys.put("ramphook.endpoint.echo.auth", "basic");

        assertThatThrownBy(this::parse).hasMessageStartingWith("ramphook.endpoint.echo.auth=basic is unknown");
    }

    @Test
    void unsetSecretVariableNamesKeyAndVariable() {
        keys.put("ramphook.endpoint.echo.token-env", "NOT_SET_ANYWHERE");

        assertThatThrownBy(this::parse)
                .hasMessage("ramphook.endpoint.echo.token-env names NOT_SET_ANYWHERE, but neither an environment"
                        + " variable nor a system property NOT_SET_ANYWHERE is set");
    }

    @Test
    void everyUnsetSecretVariableIsReportedAtOnce() {
        keys.put("ramphook.endpoint.echo.token-env", "NOT_SET_ANYWHERE");
        keys.put("ramphook.endpoint.other.path", "/webhooks/other");
        keys.put("ramphook.endpoint.other.provider", "echo");
        keys.put("ramphook.endpoint.other.auth", "hmac-sha256-hex");
        keys.put("ramphook.endpoint.other.secret-env", "ALSO_NOT_SET");

        assertThatThrownBy(this::parse)
                .hasMessageContaining("ramphook.endpoint.echo.token-env names NOT_SET_ANYWHERE, but neither")
                .hasMessageContaining("; ")
                .hasMessageContaining("ramphook.endpoint.other.secret-env names ALSO_NOT_SET, but neither");
    }

    @Test
    void aMistakeOtherThanAnUnsetVariableIsReportedAsSoonAsFound() {
        keys.put("ramphook.endpoint.echo.token-env", "NOT_SET_ANYWHERE");
        keys.put("ramphook.endpoint.zz.path", "no-slash");

        assertThatThrownBy(this::parse).hasMessageStartingWith("ramphook.endpoint.zz.path=no-slash must start with /");
    }

    @Test
    void missingSecretKeyIsReported() {
        keys.remove("ramphook.endpoint.echo.token-env");

        assertThatThrownBy(this::parse).hasMessageStartingWith("ramphook.endpoint.echo.token-env is required");
    }

    @Test
    void keyOfAnotherSchemeIsReportedNotIgnored() {
        keys.put("ramphook.endpoint.echo.secret-env", "ECHO_SECRET");

        assertThatThrownBy(this::parse)
                .hasMessage("ramphook.endpoint.echo.secret-env does not apply to ramphook.endpoint.echo.auth=url-token");
    }

    @Test
    void misspeltKeyIsReported() {
        keys.put("ramphook.max-body-byte", "1000");

        assertThatThrownBy(this::parse).hasMessageStartingWith("ramphook.max-body-byte is not a known ramphook key");
    }

    @Test
    void misspeltKeyIsNamedBeforeTheRequiredKeyItLeftOutWithTheClosestKnownKey() {
        // The reported case: secert-env for secret-env made the error "secret-env is required".
        keys.put("ramphook.endpoint.echo.auth", "hmac-sha256-hex");
        keys.remove("ramphook.endpoint.echo.token-env");
        keys.put("ramphook.endpoint.echo.secert-env", "ECHO_SECRET");

        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class)
                .hasMessage("ramphook.endpoint.echo.secert-env is not a known ramphook key; did you mean"
                        + " ramphook.endpoint.echo.secret-env?");
    }

    @Test
    void misspeltGlobalKeySuggestsTheGlobalKey() {
        keys.put("ramphook.handler", "com.example.Handlers");

        assertThatThrownBy(this::parse)
                .hasMessage("ramphook.handler is not a known ramphook key; did you mean ramphook.handlers?");
    }

    @Test
    void misspeltEndpointSegmentSuggestsTheEndpointKey() {
        keys.put("ramphook.endpiont.echo.token-param", "key");

        assertThatThrownBy(this::parse).hasMessage("ramphook.endpiont.echo.token-param is not a known ramphook key;"
                + " did you mean ramphook.endpoint.echo.token-param?");
    }

    @Test
    void keyFarFromEveryKnownKeyPointsToTheTable() {
        keys.put("ramphook.endpoint.echo.colour", "blue");

        assertThatThrownBy(this::parse).hasMessage("ramphook.endpoint.echo.colour is not a known ramphook key"
                + " (see the keys in docs/configuration.md)");
    }

    @Test
    void everyUnknownKeyIsReportedAtOnce() {
        keys.put("ramphook.worker", "4");
        keys.put("ramphook.endpoint.echo.tokn-env", "ECHO_TOKEN");

        assertThatThrownBy(this::parse).hasMessage(
                "ramphook.endpoint.echo.tokn-env is not a known ramphook key; did you mean"
                        + " ramphook.endpoint.echo.token-env?\n"
                        + "ramphook.worker is not a known ramphook key; did you mean ramphook.workers?");
    }

    @Test
    void keyOfAMisspeltEndpointNameSuggestsTheEndpoint() {
        keys.put("ramphook.endpoint.ecoh.token-param", "key");

        assertThatThrownBy(this::parse).hasMessage("ramphook.endpoint.ecoh.token-param belongs to no endpoint"
                + " (ramphook.endpoint.ecoh.path is not set); did you mean ramphook.endpoint.echo.token-param?");
    }

    @Test
    void unknownProviderNamesKeyAndTheProvidersFound() {
        keys.put("ramphook.endpoint.echo.provider", "wyre");

        assertThatThrownBy(this::parse)
                .hasMessageStartingWith("ramphook.endpoint.echo.provider=wyre is not a known provider; found ")
                .hasMessageContaining("echo");
    }

    @Test
    void pathMustBeAbsolute() {
        keys.put("ramphook.endpoint.echo.path", "webhooks/echo");

        assertThatThrownBy(this::parse).hasMessageStartingWith("ramphook.endpoint.echo.path=webhooks/echo must");
    }

    @Test
    void bodyLimitMustBeAPositiveNumber() {
        keys.put("ramphook.max-body-bytes", "1MB");

        assertThatThrownBy(this::parse)
                .hasMessage("ramphook.max-body-bytes must be a positive whole number, got '1MB'");
    }

    @Test
    void recordTimeoutIsAKnownKeyInWholeSeconds() {
        keys.put("ramphook.record-timeout", "2");
        assertThat(parse().endpoints()).hasSize(1);

        keys.put("ramphook.record-timeout", "0");
        assertThatThrownBy(this::parse)
                .hasMessage("ramphook.record-timeout must be a positive whole number, got '0'");
    }

    @Test
    void bodiesInFlightMayNotBeBelowTheBodyLimit() {
        keys.put("ramphook.max-body-bytes", "4096");
        keys.put("ramphook.max-body-bytes-in-flight", "4095");

        assertThatThrownBy(this::parse).hasMessageStartingWith(
                "ramphook.max-body-bytes-in-flight=4095 is below ramphook.max-body-bytes");
    }

    @Test
    void allowlistKeysAreKnownKeys() {
        keys.put("ramphook.endpoint.echo.allowed-ips", "10.0.0.0/8");
        keys.put("ramphook.endpoint.echo.trusted-proxies", "192.168.0.1");
        keys.put("ramphook.endpoint.echo.forwarded-header", "forwarded");

        assertThat(parse().endpoints().get(0).authenticator().toString()).contains("IpAllowlist");
    }

    @Test
    void handlerClassThatCannotBeFoundIsNamed() {
        keys.put("ramphook.handlers", "com.example.Missing");

        assertThatThrownBy(this::parse)
                .hasMessageStartingWith("ramphook.handlers: class com.example.Missing cannot be loaded");
    }

    @Test
    void handlerClassNeedsANoArgConstructor() {
        keys.put("ramphook.handlers", NeedsArgument.class.getName());

        assertThatThrownBy(this::parse).hasMessageContaining("needs a no-argument constructor");
    }

    @Test
    void storeClassMustBeAnEventStore() {
        keys.put("ramphook.store", NeedsArgument.class.getName());

        assertThatThrownBy(this::parse).hasMessageEndingWith("is not a dev.ramphook.store.EventStore");
    }

    @Test
    void noEndpointIsAnError() {
        keys.clear();
        keys.put("ramphook.handlers", "");

        assertThatThrownBy(this::parse).hasMessageStartingWith("no endpoint configured");
    }

    @Test
    void handlerMethodThatCannotBindFailsValidationNamingTheMethod() {
        keys.put("ramphook.handlers", Unbindable.class.getName());
        ReceiverSettings config = parse();

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ramphook.handlers: ")
                .hasMessageContaining("Unbindable.settled");
    }

    static final class Unbindable {
        @dev.ramphook.OnEvent("*")
        void settled(String text) {
        }
    }

    static final class NeedsArgument {
        NeedsArgument(String value) {
        }
    }
}
