package dev.ramphook.servlet;

import dev.ramphook.auth.Authenticator;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.auth.UrlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps one endpoint's {@code auth} keys to an {@link Authenticator}. The only place that knows the auth keys: a new
 * scheme (an IP allowlist, Standard Webhooks) is one more case here.
 *
 * <p>Secrets are never in the configuration itself: {@code token-env} and {@code secret-env} name environment
 * variables (a JVM system property of the same name is used when the variable is unset), several names separated by
 * commas for rotation.
 */
final class AuthenticatorConfig {

    static final List<String> SCHEMES = List.of("url-token", "path-token", "hmac-sha512-hex", "hmac-sha256-hex",
            "hmac-sha512-base64", "hmac-sha256-base64", "none");
    private static final List<String> AUTH_KEYS = List.of("token-param", "token-env", "signature-header",
            "signature-prefix", "secret-env");

    private final Settings settings;
    private final Function<String, Optional<String>> secrets;

    /** @param secrets looks a secret up by environment variable / system property name */
    AuthenticatorConfig(Settings settings, Function<String, Optional<String>> secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    /** The secret source used in production: the environment, then system properties. */
    static Optional<String> fromEnvironment(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            value = System.getProperty(name);
        }
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The authenticator of endpoint {@code prefix} ({@code ramphook.endpoint.<name>.}). */
    Authenticator forEndpoint(String prefix) {
        String scheme = settings.required(prefix + "auth", "one of " + String.join(", ", SCHEMES)
                + " (none must be chosen explicitly)");
        List<String> used = new ArrayList<>();
        Authenticator authenticator = switch (scheme) {
            case "url-token" -> {
                used.add("token-param");
                used.add("token-env");
                String parameter = settings.optional(prefix + "token-param").orElse("token");
                yield UrlToken.query(parameter, secrets(prefix + "token-env"));
            }
            case "path-token" -> {
                used.add("token-env");
                yield UrlToken.pathSegment(secrets(prefix + "token-env"));
            }
            case "hmac-sha512-hex", "hmac-sha256-hex", "hmac-sha512-base64", "hmac-sha256-base64" -> {
                used.addAll(List.of("signature-header", "signature-prefix", "secret-env"));
                yield hmac(prefix, scheme);
            }
            case "none" -> Authenticator.none();
            default -> throw new ConfigException(prefix + "auth=" + scheme + " is unknown: use one of "
                    + String.join(", ", SCHEMES));
        };
        for (String key : AUTH_KEYS) {
            if (!used.contains(key) && settings.optional(prefix + key).isPresent()) {
                throw new ConfigException(prefix + key + " does not apply to " + prefix + "auth=" + scheme);
            }
        }
        return withAllowlist(prefix, authenticator);
    }

    private Authenticator hmac(String prefix, String scheme) {
        String header = settings.optional(prefix + "signature-header").orElse("X-Signature");
        String[] keys = secrets(prefix + "secret-env");
        HmacSignature signature = switch (scheme) {
            case "hmac-sha512-hex" -> HmacSignature.sha512Hex(header, keys);
            case "hmac-sha256-hex" -> HmacSignature.sha256Hex(header, keys);
            case "hmac-sha512-base64" -> HmacSignature.sha512Base64(header, keys);
            default -> HmacSignature.sha256Base64(header, keys);
        };
        Optional<String> prefixValue = settings.optional(prefix + "signature-prefix");
        return prefixValue.isPresent() ? signature.prefix(prefixValue.get()) : signature;
    }

    // Fails closed: an allowlist that is configured but not enforced would be a silent hole.
    private Authenticator withAllowlist(String prefix, Authenticator authenticator) {
        List<String> allowed = settings.list(prefix + "allowed-ips");
        if (!allowed.isEmpty()) {
            throw new ConfigException(prefix + "allowed-ips is not supported by this version of ramphook-servlet;"
                    + " remove it or restrict the source address in front of the application");
        }
        return authenticator;
    }

    private String[] secrets(String key) {
        List<String> names = settings.list(key);
        if (names.isEmpty()) {
            throw new ConfigException(key + " is required: the name of the environment variable (or system"
                    + " property) holding the secret; several names separated by commas for rotation");
        }
        List<String> values = new ArrayList<>();
        for (String name : names) {
            values.add(secrets.apply(name).orElseThrow(() -> new ConfigException(key + " names " + name
                    + ", but neither an environment variable nor a system property " + name + " is set")));
        }
        return values.toArray(String[]::new);
    }
}
