package dev.ramphook.auth;

import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.WebhookRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Accepts deliveries only from listed source addresses (IPv4 and IPv6 CIDR ranges); any other source gets 403.
 * Combine it with a signature or token check: {@code Authenticator.allOf(IpAllowlist.of(…), UrlToken.of(…))}.
 *
 * <p><b>Behind a proxy.</b> The direct peer is a load balancer, not the provider, so list the balancer with
 * {@link #trustedProxies(String...)}. Only when the peer is a trusted proxy is the forwarding header read, and
 * then from the right: the right-most address that is not itself a trusted proxy is the source. Everything to
 * its left was written by the client and may be forged, so it is never looked at. Without trusted proxies the
 * header is ignored entirely. Exactly one header is honoured ({@code X-Forwarded-For} unless
 * {@link #forwardedHeader(ProxyHeader)} says {@code Forwarded}): the proxy appends to that one, while the other
 * arrives straight from the client.
 *
 * <pre>{@code
 * IpAllowlist.of("203.0.113.0/24", "2001:db8::/32")
 * IpAllowlist.of("203.0.113.10").trustedProxies("10.0.0.0/8")           // behind a load balancer
 * }</pre>
 *
 * <p>Addresses are parsed as literals only: no DNS look-up ever happens. Immutable and thread-safe.
 */
public final class IpAllowlist implements Authenticator {

    /** The forwarding header a trusted proxy appends the client address to. */
    public enum ProxyHeader {
        /** {@code X-Forwarded-For: client, proxy1, proxy2}. */
        X_FORWARDED_FOR,
        /** RFC 7239 {@code Forwarded: for=client;proto=https, for="[2001:db8::1]:4711"}. */
        FORWARDED
    }

    /** Hops examined from the right; a longer chain of trusted proxies is not a real deployment. */
    static final int MAX_HOPS = 32;

    private final List<Cidr> allowed;
    private final List<Cidr> proxies;
    private final ProxyHeader proxyHeader;

    private IpAllowlist(List<Cidr> allowed, List<Cidr> proxies, ProxyHeader proxyHeader) {
        this.allowed = allowed;
        this.proxies = proxies;
        this.proxyHeader = proxyHeader;
    }

    /**
     * Allows the given ranges ({@code 192.0.2.0/24}, {@code 2001:db8::/32}) or single addresses.
     *
     * @param ranges one or more IPv4 or IPv6 literals or CIDR ranges
     * @return an allowlist that reads the direct peer's address only (no trusted proxies)
     * @throws IllegalArgumentException when none is given, or naming a range that is not an IP literal or CIDR
     */
    public static IpAllowlist of(String... ranges) {
        return new IpAllowlist(ranges("IpAllowlist", ranges), List.of(), ProxyHeader.X_FORWARDED_FOR);
    }

    /**
     * Proxies (ranges or addresses) whose forwarding header is believed: your load balancers.
     *
     * @param ranges one or more IP literals or CIDR ranges
     * @return a copy of this allowlist with these trusted proxies (replacing any given before)
     * @throws IllegalArgumentException when none is given, or naming a range that is not an IP literal or CIDR
     */
    public IpAllowlist trustedProxies(String... ranges) {
        return new IpAllowlist(allowed, ranges("trustedProxies", ranges), proxyHeader);
    }

    /**
     * Which header the trusted proxies write; only that one is read. Default {@link ProxyHeader#X_FORWARDED_FOR}.
     *
     * @param header the header your proxies append the client address to
     * @return a copy of this allowlist reading that header
     * @throws NullPointerException when {@code header} is null
     */
    public IpAllowlist forwardedHeader(ProxyHeader header) {
        return new IpAllowlist(allowed, proxies, Objects.requireNonNull(header, "header"));
    }

    private static List<Cidr> ranges(String what, String... ranges) {
        if (ranges == null || ranges.length == 0) {
            throw new IllegalArgumentException(what + " needs at least one address or CIDR range");
        }
        List<Cidr> out = new ArrayList<>(ranges.length);
        for (String r : ranges) {
            out.add(Cidr.parse(r));
        }
        return List.copyOf(out);
    }

    /** The whole check needs no body: the receiver runs it before reading one. */
    @Override
    public Verification checkBeforeBody(WebhookRequest request) {
        return verify(request, null);
    }

    /**
     * The request as it is when its source is allowed; otherwise from the first allowed address (in a unit test;
     * over real HTTP the peer address is the network's, so a test server's allowlist must admit the loopback).
     */
    @Override
    public WebhookRequest sign(WebhookRequest request, byte[] body) {
        return verify(request, body).isOk() ? request
                : request.toBuilder().remoteAddress(IpAddress.format(allowed.get(0).network())).build();
    }

    @Override
    public Verification verify(WebhookRequest request, byte[] body) {
        byte[] peer = request.remoteAddress().map(IpAddress::parse).orElse(null);
        if (peer == null) {
            return Verification.forbidden("source address unknown");
        }
        byte[] source = peer;
        if (isProxy(peer)) {
            List<String> hops = ForwardedChain.hops(request, proxyHeader);
            for (int i = hops.size() - 1; i >= 0 && isProxy(source); i--) {
                if (hops.size() - i > MAX_HOPS) {
                    return Verification.forbidden("more than " + MAX_HOPS + " forwarding hops");
                }
                source = IpAddress.parseWithOptionalPort(hops.get(i));
                if (source == null) {
                    return Verification.forbidden("unparseable address in " + headerName());
                }
            }
        }
        for (Cidr range : allowed) {
            if (range.contains(source)) {
                return Verification.ok();
            }
        }
        return Verification.forbidden("source address " + IpAddress.format(source) + " not in allowlist");
    }

    private boolean isProxy(byte[] address) {
        for (Cidr proxy : proxies) {
            if (proxy.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private String headerName() {
        return proxyHeader == ProxyHeader.FORWARDED ? "Forwarded" : "X-Forwarded-For";
    }

    /** Lists the ranges: they are configuration, not secrets. */
    @Override
    public String toString() {
        return "IpAllowlist[" + allowed + (proxies.isEmpty() ? "" : ", trustedProxies=" + proxies
                + " via " + headerName()) + "]";
    }

    /** The hops of the configured forwarding header, left (client side) to right (nearest proxy). */
    static final class ForwardedChain {
        private ForwardedChain() {
        }

        static List<String> hops(WebhookRequest request, ProxyHeader header) {
            List<String> out = new ArrayList<>();
            String name = header == ProxyHeader.FORWARDED ? "Forwarded" : "X-Forwarded-For";
            // A plain comma split, ignoring quotes on purpose: an unclosed quote from the client must not swallow
            // the entries the proxies appended after it.
            for (String value : request.headers(name)) {
                for (String element : value.split(",", -1)) {
                    out.add(header == ProxyHeader.FORWARDED ? forParameter(element).orElse("") : element.trim());
                }
            }
            return out;
        }

        private static Optional<String> forParameter(String element) {
            for (String pair : element.split(";", -1)) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
                    return Optional.of(pair.substring(eq + 1).trim());
                }
            }
            return Optional.empty();
        }
    }
}
