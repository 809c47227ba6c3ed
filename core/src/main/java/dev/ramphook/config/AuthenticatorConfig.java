package dev.ramphook.config;

import dev.ramphook.Provider;
import dev.ramphook.Authenticator;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.auth.IpAllowlist;
import dev.ramphook.auth.StandardWebhooks;
import dev.ramphook.auth.TimestampedSignature;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.zbd.ZbdRamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Maps one endpoint's {@code auth} keys to an {@link Authenticator}. The only place that knows the auth keys: a new
 * scheme is one more case here.
 *
 * <p>Secrets are never in the configuration itself: {@code token-env} and {@code secret-env} name environment
 * variables (a JVM system property of the same name is used when the variable is unset), several names separated by
 * commas for rotation. An {@code allowed-ips} list wraps whatever {@code auth} chose: both must accept.
 */
final class AuthenticatorConfig {

    static final List<String> SCHEMES = List.of("url-token", "path-token", "mecash", "mecash-sha256",
            "zbd-signature", "standard-webhooks", "timestamped", "hmac-sha512-hex", "hmac-sha256-hex",
            "hmac-sha512-base64", "hmac-sha256-base64", "none");
    private static final List<String> AUTH_KEYS = List.of("token-param", "token-env", "signature-header",
            "signature-prefix", "secret-env", "scheme", "tolerance");

    private final Settings settings;
    private final Function<String, Optional<String>> secrets;

    /** @param secrets looks a secret up by environment variable / system property name */
    AuthenticatorConfig(Settings settings, Function<String, Optional<String>> secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    /**
     * The authenticator of endpoint {@code prefix} ({@code ramphook.endpoint.<name>.}) for {@code provider}: the one
     * {@code auth} names, or without {@code auth} the provider's documented default keyed with {@code secret-env}
     * (or {@code token-env}: whichever word the provider uses).
     */
    Authenticator forEndpoint(String prefix, Provider provider) {
        Optional<String> chosen = settings.optional(prefix + "auth");
        String scheme = chosen.orElse("default");
        List<String> used = new ArrayList<>();
        Authenticator authenticator = switch (chosen.isEmpty() ? "" : scheme) {
            case "" -> {
                used.addAll(List.of("secret-env", "token-env"));
                yield providerDefault(prefix, provider);
            }
            case "url-token" -> {
                used.addAll(List.of("token-param", "token-env"));
                String parameter = settings.optional(prefix + "token-param").orElse("token");
                yield UrlToken.query(parameter, secrets(prefix + "token-env"));
            }
            case "path-token" -> {
                used.add("token-env");
                yield UrlToken.pathSegment(secrets(prefix + "token-env"));
            }
            case "mecash", "mecash-sha256", "zbd-signature" -> {
                // The presets of the README before providers named their own default; kept working.
                used.add("secret-env");
                String[] keys = secrets(prefix + "secret-env");
                yield scheme.equals("mecash") ? MeCash.signature(keys)
                        : scheme.equals("mecash-sha256") ? MeCash.sha256Signature(keys) : ZbdRamp.signature(keys);
            }
            case "standard-webhooks" -> {
                used.addAll(List.of("secret-env", "tolerance"));
                yield standardWebhooks(prefix);
            }
            case "timestamped" -> {
                used.addAll(List.of("signature-header", "secret-env", "scheme", "tolerance"));
                yield timestamped(prefix);
            }
            case "hmac-sha512-hex", "hmac-sha256-hex", "hmac-sha512-base64", "hmac-sha256-base64" -> {
                used.addAll(List.of("signature-header", "signature-prefix", "secret-env"));
                yield hmac(prefix, scheme);
            }
            case "none" -> Authenticator.none();
            default -> throw new ConfigException(prefix + "auth=" + scheme + " is unknown: use one of "
                    + String.join(", ", SCHEMES) + ", or leave it out for the provider's own");
        };
        for (String key : AUTH_KEYS) {
            if (!used.contains(key) && settings.optional(prefix + key).isPresent()) {
                throw new ConfigException(prefix + key + " does not apply to " + (chosen.isPresent()
                        ? prefix + "auth=" + scheme : "the provider's default authentication (no " + prefix + "auth)"));
            }
        }
        return withAllowlist(prefix, authenticator);
    }

    /** Without {@code auth}: the provider's documented scheme, keyed with secret-env or token-env (one of them). */
    private Authenticator providerDefault(String prefix, Provider provider) {
        boolean secret = settings.optional(prefix + "secret-env").isPresent();
        boolean token = settings.optional(prefix + "token-env").isPresent();
        if (secret == token) {
            throw new ConfigException(secret
                    ? prefix + "secret-env and " + prefix + "token-env: set one of them, not both"
                    : prefix + "auth is not set, so the endpoint uses provider " + provider.id() + "'s own"
                            + " authentication: set " + prefix + "secret-env (or token-env) to the name of the"
                            + " environment variable holding its secret, or choose " + prefix + "auth (one of "
                            + String.join(", ", SCHEMES) + ")");
        }
        String[] keys = secrets(prefix + (secret ? "secret-env" : "token-env"));
        try {
            return provider.defaultAuthenticator(keys);
        } catch (UnsupportedOperationException e) {
            throw new ConfigException(prefix + "auth is required: provider " + provider.id() + " names no default"
                    + " authentication; use one of " + String.join(", ", SCHEMES), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // IllegalStateException: a missing optional library, such as BouncyCastle for Ramp Network
            throw new ConfigException(prefix + (secret ? "secret-env" : "token-env") + ": " + e.getMessage(), e);
        }
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

    private Authenticator standardWebhooks(String prefix) {
        String key = prefix + "secret-env";
        List<String> names = settings.list(key);
        String[] values = secrets(key);
        // whpk_ values are the sender's Ed25519 public keys (v1a signatures); otherwise HMAC secrets (v1).
        boolean asymmetric = values[0].startsWith("whpk_");
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            if (value.startsWith("whpk_") != asymmetric) {
                throw new ConfigException(key + " names " + names.get(i) + ": mixes whpk_ public keys and secrets");
            }
            // Decoded one by one so that the message names the variable; the decoder's message holds no secret.
            check(key + " names " + names.get(i),
                    () -> asymmetric ? StandardWebhooks.ofPublicKeys(value) : StandardWebhooks.of(value));
        }
        StandardWebhooks standard = asymmetric ? StandardWebhooks.ofPublicKeys(values) : StandardWebhooks.of(values);
        Optional<Duration> tolerance = tolerance(prefix + "tolerance", 1);
        return tolerance.isPresent() ? standard.tolerance(tolerance.get()) : standard;
    }

    private Authenticator timestamped(String prefix) {
        String header = settings.required(prefix + "signature-header", "the header carrying t=…,v1=…, such as"
                + " Stripe-Signature");
        TimestampedSignature signature = TimestampedSignature.of(header, secrets(prefix + "secret-env"));
        Optional<String> scheme = settings.optional(prefix + "scheme");
        if (scheme.isPresent()) {
            TimestampedSignature base = signature;
            signature = check(prefix + "scheme=" + scheme.get(), () -> base.scheme(scheme.get()));
        }
        Optional<Duration> tolerance = tolerance(prefix + "tolerance", 0);
        if (tolerance.isEmpty()) {
            return signature;
        }
        // 0 is documented for this key as "no time check"; the API has no zero tolerance, but a named method.
        return tolerance.get().isZero() ? signature.withoutTimeCheck() : signature.tolerance(tolerance.get());
    }

    /** Whole seconds, at least {@code min}; absent = the authenticator's default (5 minutes). */
    private Optional<Duration> tolerance(String key, int min) {
        Optional<String> text = settings.optional(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(text.get().replace("_", ""));
            if (seconds >= min) {
                return Optional.of(Duration.ofSeconds(seconds));
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the key
        }
        throw new ConfigException(key + " must be a whole number of seconds" + (min > 0 ? " above 0" : ", 0 or more"
                + " (0 turns the time check off)") + ", got '" + text.get() + "'");
    }

    /**
     * The endpoint's allowlist keys, or when it sets none of them the receiver-wide {@code ramphook.allowed-ips},
     * {@code .trusted-proxies} and {@code .forwarded-header}: never a mix, so that each message names keys of one
     * place. Fails closed: proxy keys without an allowlist would look like protection and be none.
     */
    private Authenticator withAllowlist(String endpointPrefix, Authenticator authenticator) {
        boolean own = false;
        for (String key : List.of("allowed-ips", "trusted-proxies", "forwarded-header")) {
            own |= settings.optional(endpointPrefix + key).isPresent();
            settings.optional(Settings.PREFIX + key); // read, also when every endpoint has its own
        }
        String prefix = own ? endpointPrefix : Settings.PREFIX;
        String allowedKey = prefix + "allowed-ips";
        String proxiesKey = prefix + "trusted-proxies";
        String headerKey = prefix + "forwarded-header";
        List<String> allowed = nonEmptyList(allowedKey);
        List<String> proxies = nonEmptyList(proxiesKey);
        Optional<String> header = settings.optional(headerKey);
        if (allowed.isEmpty() && (!proxies.isEmpty() || header.isPresent())) {
            throw new ConfigException((proxies.isEmpty() ? headerKey : proxiesKey) + " applies only together with "
                    + allowedKey);
        }
        if (allowed.isEmpty()) {
            return authenticator;
        }
        if (header.isPresent() && proxies.isEmpty()) {
            throw new ConfigException(headerKey + " applies only together with " + proxiesKey
                    + ": without trusted proxies no forwarding header is read");
        }
        IpAllowlist allowlist = check(allowedKey, () -> IpAllowlist.of(allowed.toArray(String[]::new)));
        if (!proxies.isEmpty()) {
            IpAllowlist direct = allowlist;
            allowlist = check(proxiesKey, () -> direct.trustedProxies(proxies.toArray(String[]::new)));
        }
        if (header.isPresent()) {
            allowlist = allowlist.forwardedHeader(switch (header.get().toLowerCase(Locale.ROOT)) {
                case "x-forwarded-for" -> IpAllowlist.ProxyHeader.X_FORWARDED_FOR;
                case "forwarded" -> IpAllowlist.ProxyHeader.FORWARDED;
                default -> throw new ConfigException(headerKey + "=" + header.get()
                        + " is unknown: use x-forwarded-for or forwarded");
            });
        }
        // The allowlist first: it is cheap and, via checkBeforeBody, refuses a stranger before the body is read.
        return authenticator == Authenticator.none() ? allowlist : Authenticator.allOf(allowlist, authenticator);
    }

    /** A comma-separated list; a value that is present but lists nothing (",") is an error, not "no list". */
    private List<String> nonEmptyList(String key) {
        List<String> items = settings.list(key);
        if (items.isEmpty() && settings.optional(key).isPresent()) {
            throw new ConfigException(key + " lists no address or CIDR range");
        }
        return items;
    }

    /** Runs a core factory, turning its IllegalArgumentException into a message that starts with the key. */
    private static <T> T check(String key, Supplier<T> factory) {
        try {
            return factory.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage(), e);
        }
    }

    private String[] secrets(String key) {
        List<String> names = settings.list(key);
        if (names.isEmpty()) {
            throw new ConfigException(key + " is required: the name of the environment variable (or system"
                    + " property) holding the secret; several names separated by commas for rotation");
        }
        List<String> values = new ArrayList<>();
        for (String name : names) {
            values.add(secrets.apply(name).orElseThrow(() -> ConfigException.unsetSecret(key + " names " + name
                    + ", but neither an environment variable nor a system property " + name + " is set")));
        }
        return values.toArray(String[]::new);
    }
}
