package dev.ramphook.servlet;

import dev.ramphook.config.ConfigException;
import static dev.ramphook.servlet.AuthenticatorConfigTest.P;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.WebhookRequest;
import dev.ramphook.Authenticator;
import dev.ramphook.auth.IpAllowlist;
import dev.ramphook.testing.http.EchoProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code allowed-ips}, {@code trusted-proxies} and {@code forwarded-header}: a source check around any auth. */
class AllowlistConfigTest {

    private static final byte[] BODY = new byte[0];

    private final Map<String, String> keys = new HashMap<>(Map.of(
            P + "auth", "url-token",
            P + "token-env", "ECHO_TOKEN",
            P + "allowed-ips", "10.0.0.0/8, 2001:db8::/32"));

    private Authenticator build() {
        return EndpointAuth.of(keys, name -> Optional.ofNullable(
                name.equals("ECHO_TOKEN") ? "t0k3n" : null), P, new EchoProvider());
    }

    private static WebhookRequest.Builder from(String peer) {
        return WebhookRequest.builder().method("POST").path("/webhooks/echo").query("token=t0k3n").remoteAddress(peer);
    }

    @Test
    void sourceOutsideTheAllowlistIs403BeforeTheBodyIsRead() {
        Authenticator auth = build();

        assertThat(auth.checkBeforeBody(from("127.0.0.1").build()).status()).isEqualTo(403);
        assertThat(auth.verify(from("127.0.0.1").build(), BODY).status()).isEqualTo(403);
    }

    @Test
    void sourceInsideTheAllowlistStillNeedsTheEndpointsCredential() {
        Authenticator auth = build();

        assertThat(auth.verify(from("10.1.2.3").build(), BODY).isOk()).isTrue();
        assertThat(auth.verify(from("2001:db8::7").build(), BODY).isOk()).isTrue();
        assertThat(auth.verify(from("10.1.2.3").query("token=wrong").build(), BODY).status()).isEqualTo(401);
    }

    @Test
    void withAuthNoneTheAllowlistAloneDecides() {
        keys.remove(P + "token-env");
        keys.put(P + "auth", "none");

        Authenticator auth = build();

        assertThat(auth).isInstanceOf(IpAllowlist.class); // not wrapped around Authenticator.none()
        assertThat(auth.verify(from("10.9.9.9").query(null).build(), BODY).isOk()).isTrue();
        assertThat(auth.verify(from("192.0.2.1").query(null).build(), BODY).status()).isEqualTo(403);
    }

    @Test
    void badRangeNamesTheKey() {
        keys.put(P + "allowed-ips", "10.0.0.0/8, 10.0.0.0/33");

        assertThatThrownBy(this::build).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(P + "allowed-ips: ").hasMessageContaining("10.0.0.0/33");
    }

    @Test
    void hostNameIsNotARange() {
        keys.put(P + "allowed-ips", "webhooks.example.com");

        assertThatThrownBy(this::build).hasMessageStartingWith(P + "allowed-ips: not an IP address or CIDR range");
    }

    @Test
    void listOfNothingIsAnErrorNotAnOpenDoor() {
        keys.put(P + "allowed-ips", " , ");

        assertThatThrownBy(this::build).hasMessage(P + "allowed-ips lists no address or CIDR range");
    }

    @Test
    void trustedProxyForwardsTheRightMostUntrustedAddress() {
        keys.put(P + "trusted-proxies", "192.168.0.0/16");

        Authenticator auth = build();

        assertThat(auth.verify(from("192.168.1.1").header("X-Forwarded-For", "10.0.0.5").build(), BODY).isOk())
                .isTrue();
        assertThat(auth.verify(from("192.168.1.1").header("X-Forwarded-For", "10.0.0.5, 203.0.113.9").build(), BODY)
                .status()).isEqualTo(403);
    }

    @Test
    void forwardingHeaderFromAnUntrustedPeerIsIgnored() {
        keys.put(P + "trusted-proxies", "192.168.0.0/16");

        assertThat(build().verify(from("203.0.113.9").header("X-Forwarded-For", "10.0.0.5").build(), BODY).status())
                .isEqualTo(403);
    }

    @Test
    void forwardedHeaderSwitchesToRfc7239() {
        keys.put(P + "trusted-proxies", "192.168.0.0/16");
        keys.put(P + "forwarded-header", "Forwarded");

        Authenticator auth = build();

        assertThat(auth.verify(from("192.168.1.1").header("Forwarded", "for=10.0.0.5;proto=https").build(), BODY)
                .isOk()).isTrue();
        assertThat(auth.verify(from("192.168.1.1").header("X-Forwarded-For", "10.0.0.5").build(), BODY).status())
                .isEqualTo(403);
    }

    @Test
    void unknownForwardedHeaderNamesTheKey() {
        keys.put(P + "trusted-proxies", "192.168.0.0/16");
        keys.put(P + "forwarded-header", "x-real-ip");

        assertThatThrownBy(this::build).hasMessage(P + "forwarded-header=x-real-ip is unknown: use x-forwarded-for"
                + " or forwarded");
    }

    @Test
    void badTrustedProxyNamesTheKey() {
        keys.put(P + "trusted-proxies", "lb.internal");

        assertThatThrownBy(this::build).hasMessageStartingWith(P + "trusted-proxies: ");
    }

    @Test
    void trustedProxiesWithoutAnAllowlistAreAnError() {
        keys.remove(P + "allowed-ips");
        keys.put(P + "trusted-proxies", "192.168.0.0/16");

        assertThatThrownBy(this::build).hasMessage(P + "trusted-proxies applies only together with " + P
                + "allowed-ips");
    }

    @Test
    void forwardedHeaderWithoutTrustedProxiesIsAnError() {
        keys.put(P + "forwarded-header", "forwarded");

        assertThatThrownBy(this::build).hasMessageStartingWith(P + "forwarded-header applies only together with "
                + P + "trusted-proxies");
    }

    @Test
    void withoutAllowlistKeysTheEndpointAuthenticatorIsUnwrapped() {
        keys.remove(P + "allowed-ips");

        assertThat(build().verify(from("203.0.113.9").build(), BODY).isOk()).isTrue();
    }
}
