package dev.ramphook.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.WebhookRequest;
import org.junit.jupiter.api.Test;

class IpAllowlistTest {

    private static final byte[] BODY = new byte[0];

    private static WebhookRequest from(String peer, String... headerPairs) {
        WebhookRequest.Builder b = WebhookRequest.builder().path("/webhooks/zbd").remoteAddress(peer);
        for (int i = 0; i < headerPairs.length; i += 2) {
            b.header(headerPairs[i], headerPairs[i + 1]);
        }
        return b.build();
    }

    @Test
    void ipv4InsideRangeIsAllowed() {
        assertThat(IpAllowlist.of("203.0.113.0/24").verify(from("203.0.113.77"), BODY).isOk()).isTrue();
    }

    @Test
    void ipv4OutsideRangeIsForbiddenWithItsAddress() {
        Verification v = IpAllowlist.of("203.0.113.0/24").verify(from("203.0.114.1"), BODY);

        assertThat(v.status()).isEqualTo(403);
        assertThat(v.reason()).hasValue("source address 203.0.114.1 not in allowlist");
    }

    @Test
    void singleAddressIsARangeOfOne() {
        IpAllowlist one = IpAllowlist.of("198.51.100.7");

        assertThat(one.verify(from("198.51.100.7"), BODY).isOk()).isTrue();
        assertThat(one.verify(from("198.51.100.8"), BODY).isOk()).isFalse();
    }

    @Test
    void ipv6RangeIsMatched() {
        IpAllowlist v6 = IpAllowlist.of("2001:db8:abcd::/48");

        assertThat(v6.verify(from("2001:db8:abcd:12::1"), BODY).isOk()).isTrue();
        assertThat(v6.verify(from("[2001:DB8:ABCD::5]"), BODY).isOk()).isTrue();
        assertThat(v6.verify(from("2001:db8:abce::1"), BODY).status()).isEqualTo(403);
    }

    @Test
    void ipv4MappedPeerMatchesAnIpv4Range() {
        assertThat(IpAllowlist.of("203.0.113.0/24").verify(from("::ffff:203.0.113.9"), BODY).isOk()).isTrue();
    }

    @Test
    void ipv4RangeNeverMatchesAnIpv6Peer() {
        assertThat(IpAllowlist.of("0.0.0.0/0").verify(from("2001:db8::1"), BODY).status()).isEqualTo(403);
    }

    @Test
    void unknownPeerIsForbidden() {
        WebhookRequest noPeer = WebhookRequest.builder().path("/webhooks/zbd").build();

        assertThat(IpAllowlist.of("0.0.0.0/0").verify(noPeer, BODY).reason()).hasValue("source address unknown");
    }

    @Test
    void hostNamePeerIsNeverResolved() {
        assertThat(IpAllowlist.of("127.0.0.0/8").verify(from("localhost"), BODY).status()).isEqualTo(403);
    }

    @Test
    void spoofedForwardedForFromUntrustedPeerIsIgnored() {
        IpAllowlist list = IpAllowlist.of("203.0.113.0/24").trustedProxies("10.0.0.0/8");

        Verification v = list.verify(from("198.51.100.66", "X-Forwarded-For", "203.0.113.5"), BODY);

        assertThat(v.reason()).hasValue("source address 198.51.100.66 not in allowlist");
    }

    @Test
    void forwardedForIsIgnoredWithoutTrustedProxies() {
        assertThat(IpAllowlist.of("203.0.113.0/24").verify(from("10.0.0.1", "X-Forwarded-For", "203.0.113.5"), BODY)
                .status()).isEqualTo(403);
    }

    @Test
    void trustedProxyForwardsTheSourceAddress() {
        IpAllowlist list = IpAllowlist.of("203.0.113.0/24").trustedProxies("10.0.0.0/8");

        assertThat(list.verify(from("10.1.2.3", "X-Forwarded-For", "203.0.113.5"), BODY).isOk()).isTrue();
    }

    @Test
    void rightMostUntrustedHopIsTheSourceNotTheClientWrittenLeftPart() {
        IpAllowlist list = IpAllowlist.of("203.0.113.0/24").trustedProxies("10.0.0.0/8");
        // The attacker sent "X-Forwarded-For: 203.0.113.5"; two proxies appended the real hops.
        WebhookRequest forged = from("10.0.0.2", "X-Forwarded-For", "203.0.113.5, 198.51.100.66, 10.0.0.1");

        assertThat(list.verify(forged, BODY).reason()).hasValue("source address 198.51.100.66 not in allowlist");
    }

    @Test
    void repeatedForwardedForHeadersFormOneChain() {
        IpAllowlist list = IpAllowlist.of("203.0.113.0/24").trustedProxies("10.0.0.0/8");
        WebhookRequest request = from("10.0.0.2", "X-Forwarded-For", "198.51.100.66", "X-Forwarded-For", "203.0.113.5");

        assertThat(list.verify(request, BODY).isOk()).isTrue();
    }

    @Test
    void forwardedHopWithPortIsUnderstood() {
        IpAllowlist list = IpAllowlist.of("203.0.113.0/24", "2001:db8::/32").trustedProxies("10.0.0.0/8");

        assertThat(list.verify(from("10.0.0.2", "X-Forwarded-For", "203.0.113.5:51234"), BODY).isOk()).isTrue();
        assertThat(list.verify(from("10.0.0.2", "X-Forwarded-For", "[2001:db8::9]:443"), BODY).isOk()).isTrue();
    }

    @Test
    void garbageHopIsForbiddenWithoutEcho() {
        IpAllowlist list = IpAllowlist.of("0.0.0.0/0").trustedProxies("10.0.0.0/8");

        Verification v = list.verify(from("10.0.0.2", "X-Forwarded-For", "evil.example.com"), BODY);

        assertThat(v.status()).isEqualTo(403);
        assertThat(v.reason()).hasValue("unparseable address in X-Forwarded-For");
    }

    @Test
    void rfc7239ForwardedIsReadWhenConfigured() {
        IpAllowlist list = IpAllowlist.of("2001:db8:cafe::/48").trustedProxies("10.0.0.0/8")
                .forwardedHeader(IpAllowlist.ProxyHeader.FORWARDED);
        WebhookRequest request = from("10.0.0.2",
                "Forwarded", "for=203.0.113.5;proto=https, for=\"[2001:db8:cafe::17]:4711\";by=10.0.0.2");

        assertThat(list.verify(request, BODY).isOk()).isTrue();
    }

    @Test
    void unconfiguredHeaderIsNotBelievedEvenFromTrustedProxy() {
        IpAllowlist list = IpAllowlist.of("203.0.113.0/24").trustedProxies("10.0.0.0/8")
                .forwardedHeader(IpAllowlist.ProxyHeader.FORWARDED);
        // The proxy writes Forwarded; an X-Forwarded-For can only have come from the client.
        WebhookRequest request = from("10.0.0.2", "Forwarded", "for=198.51.100.66",
                "X-Forwarded-For", "203.0.113.5");

        assertThat(list.verify(request, BODY).status()).isEqualTo(403);
    }

    @Test
    void unclosedQuoteFromClientCannotSwallowTheProxysEntry() {
        IpAllowlist list = IpAllowlist.of("203.0.113.0/24").trustedProxies("10.0.0.0/8")
                .forwardedHeader(IpAllowlist.ProxyHeader.FORWARDED);
        WebhookRequest request = from("10.0.0.2", "Forwarded", "for=\"203.0.113.5, for=198.51.100.66");

        assertThat(list.verify(request, BODY).reason()).hasValue("source address 198.51.100.66 not in allowlist");
    }

    @Test
    void chainOfOnlyTrustedProxiesEndsAtTheLeftMostOne() {
        IpAllowlist list = IpAllowlist.of("203.0.113.0/24").trustedProxies("10.0.0.0/8");

        assertThat(list.verify(from("10.0.0.2", "X-Forwarded-For", "10.0.0.9, 10.0.0.1"), BODY).reason())
                .hasValue("source address 10.0.0.9 not in allowlist");
    }

    @Test
    void combinesWithAnotherAuthenticatorAndBothMustPass() {
        Authenticator both = Authenticator.allOf(IpAllowlist.of("203.0.113.0/24"), UrlToken.of("t0ken"));
        WebhookRequest goodIpNoToken = from("203.0.113.5");
        WebhookRequest badIpGoodToken = WebhookRequest.builder().path("/webhooks/zbd").query("token=t0ken")
                .remoteAddress("198.51.100.1").build();

        assertThat(both.verify(goodIpNoToken, BODY).status()).isEqualTo(401);
        assertThat(both.verify(badIpGoodToken, BODY).status()).isEqualTo(403);
    }

    @Test
    void badRangeIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> IpAllowlist.of("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> IpAllowlist.of("example.com")).hasMessageContaining("example.com");
        assertThatThrownBy(() -> IpAllowlist.of()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringListsTheRanges() {
        assertThat(IpAllowlist.of("203.0.113.0/24").trustedProxies("10.0.0.0/8").toString())
                .contains("203.0.113.0/24", "10.0.0.0/8", "X-Forwarded-For");
    }
}
