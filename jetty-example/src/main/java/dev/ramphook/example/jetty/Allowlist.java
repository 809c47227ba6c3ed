package dev.ramphook.example.jetty;

import dev.ramphook.WebhookRequest;
import dev.ramphook.auth.IpAllowlist;
import java.util.Arrays;
import java.util.Map;

/**
 * Which source addresses may deliver: {@code RAMPHOOK_ALLOWED_IPS} (addresses or CIDR ranges, comma-separated),
 * behind the load balancers in {@code RAMPHOOK_TRUSTED_PROXIES}. Unset: any source (the endpoints' token and
 * signature checks still apply).
 */
final class Allowlist {

    static final String ALLOWED = "RAMPHOOK_ALLOWED_IPS";
    static final String PROXIES = "RAMPHOOK_TRUSTED_PROXIES";

    private Allowlist() {
    }

    /**
     * @return the allowlist, or {@code null} when {@value #ALLOWED} is unset
     * @throws IllegalArgumentException naming the variable with a malformed value, or proxies without an allowlist
     */
    static IpAllowlist fromEnvironment(Map<String, String> env) {
        String[] allowed = items(env, ALLOWED);
        String[] proxies = items(env, PROXIES);
        if (allowed.length == 0) {
            if (proxies.length > 0) {
                throw new IllegalArgumentException(PROXIES + " applies only together with " + ALLOWED);
            }
            return null;
        }
        IpAllowlist allowlist;
        try {
            allowlist = IpAllowlist.of(allowed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ALLOWED + ": " + e.getMessage(), e);
        }
        try {
            return proxies.length == 0 ? allowlist : allowlist.trustedProxies(proxies);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROXIES + ": " + e.getMessage(), e);
        }
    }

    /** The comma-separated items; a value that lists nothing (",") is an error, not "no allowlist". */
    private static String[] items(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return new String[0];
        }
        String[] items = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
        if (items.length == 0) {
            throw new IllegalArgumentException(name + " lists no address or CIDR range");
        }
        return items;
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
