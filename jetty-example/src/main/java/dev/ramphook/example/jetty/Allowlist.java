package dev.ramphook.example.jetty;

import dev.ramphook.WebhookRequest;
import dev.ramphook.auth.IpAllowlist;
import java.util.Arrays;
import java.util.Map;

/**
 * What the start-up line says about source addresses. The allowlist itself is the receiver's: the keys
 * {@code ramphook.allowed-ips} and {@code ramphook.trusted-proxies} (the variables {@code RAMPHOOK_ALLOWED_IPS} and
 * {@code RAMPHOOK_TRUSTED_PROXIES}) fence every endpoint, checked by the library's parser.
 */
final class Allowlist {

    static final String ALLOWED = "RAMPHOOK_ALLOWED_IPS";
    static final String PROXIES = "RAMPHOOK_TRUSTED_PROXIES";

    private Allowlist() {
    }

    /** The allowlist of already validated keys, or {@code null} when {@code ramphook.allowed-ips} is unset. */
    static IpAllowlist of(Map<String, String> keys) {
        String[] allowed = items(keys.get("ramphook.allowed-ips"));
        if (allowed.length == 0) {
            return null;
        }
        String[] proxies = items(keys.get("ramphook.trusted-proxies"));
        IpAllowlist allowlist = IpAllowlist.of(allowed);
        return proxies.length == 0 ? allowlist : allowlist.trustedProxies(proxies);
    }

    private static String[] items(String value) {
        return value == null ? new String[0] : Arrays.stream(value.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    /** What the start-up line says about source addresses. */
    static String describe(IpAllowlist allowlist) {
        return allowlist == null
                ? "any source address may deliver; set " + ALLOWED + " (CIDR ranges) to allow only the providers'"
                + " addresses (+ " + PROXIES + " behind a load balancer)"
                : "deliveries accepted only from " + allowlist + (allowsLoopback(allowlist) ? ""
                : "; the curl lines below, sent from this machine, get 403 unless 127.0.0.1 is listed");
    }

    private static boolean allowsLoopback(IpAllowlist allowlist) {
        return allowlist.checkBeforeBody(WebhookRequest.builder().method("POST").path("/").remoteAddress("127.0.0.1")
                .build()).isOk();
    }
}
