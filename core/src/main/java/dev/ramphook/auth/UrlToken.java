package dev.ramphook.auth;

import dev.ramphook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A secret carried in the webhook URL, for providers that sign nothing but let the integrator choose the URL per
 * delivery target (ZBD Ramp's {@code webhook_url}). Register {@code https://app.example/webhooks/zbd?token=SECRET}
 * with the provider and use {@code UrlToken.query("token", SECRET)}; or put the secret in the last path segment
 * ({@code /webhooks/zbd/SECRET}) and use {@link #pathSegment(String...)}.
 *
 * <p>Compared in constant time; several secrets may be given for rotation. The token never appears in reasons,
 * logs or {@code toString()}.
 */
public final class UrlToken implements Authenticator {

    private final String parameter;
    private final List<byte[]> secrets;

    private UrlToken(String parameter, List<byte[]> secrets) {
        this.parameter = parameter;
        this.secrets = secrets;
    }

    /** The secret in query parameter {@code token}. */
    public static UrlToken of(String... secrets) {
        return query("token", secrets);
    }

    /** The secret in the given query parameter. */
    public static UrlToken query(String parameter, String... secrets) {
        if (parameter == null || parameter.isBlank()) {
            throw new IllegalArgumentException("UrlToken: the query parameter name must not be blank");
        }
        return new UrlToken(parameter, Secrets.utf8("UrlToken", secrets));
    }

    /** The secret as the last path segment below the endpoint path: {@code /webhooks/zbd/SECRET}. */
    public static UrlToken pathSegment(String... secrets) {
        return new UrlToken(null, Secrets.utf8("UrlToken", secrets));
    }

    @Override
    public Verification verify(WebhookRequest request, byte[] body) {
        Optional<String> token = parameter == null ? lastSegment(request.path()) : request.queryParameter(parameter);
        if (token.isEmpty() || token.get().isEmpty()) {
            return Verification.unauthorized("missing URL token");
        }
        byte[] given = token.get().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] secret : secrets) {
            match |= Secrets.equal(secret, given); // no early exit: time does not tell which secret matched
        }
        return match ? Verification.ok() : Verification.unauthorized("wrong URL token");
    }

    private static Optional<String> lastSegment(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? Optional.empty() : Optional.of(path.substring(slash + 1));
    }

    @Override
    public String toString() {
        return parameter == null ? "UrlToken[path segment]" : "UrlToken[query " + parameter + "]";
    }
}
