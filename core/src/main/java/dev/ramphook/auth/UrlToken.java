package dev.ramphook.auth;

import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.WebhookRequest;
import dev.ramphook.internal.crypto.ConstantTime;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A secret carried in the webhook URL, for providers that sign nothing but let the integrator choose the URL per
 * delivery target. ZBD Ramp is one: every session names its {@code webhook_url}, so put a token in it.
 *
 * <pre>{@code
 * String token = UrlToken.randomToken();            // once; keep it in your secret store, not in code
 *
 * // query parameter: register https://app.example/webhooks/zbd?token=<token> as webhook_url
 * UrlToken.of(token)                                 // = UrlToken.query("token", token)
 *
 * // path segment: register https://app.example/webhooks/zbd/<token> as webhook_url
 * UrlToken.pathSegment(token)                        // the receiver routes one segment below the endpoint
 * }</pre>
 *
 * <p>For ZBD's session API that is {@code webhook_url: "https://app.example/webhooks/zbd?token=" + token}. Use a
 * token of URL-safe characters (as {@link #randomToken()} makes) so that no encoding is needed; a query value is
 * URL-decoded before comparison, a path segment is compared as it arrives.
 *
 * <p>Compared in constant time; several tokens may be given for rotation (old sessions keep delivering to the old
 * URL). The token never appears in reasons or {@code toString()}, but a URL is not a header: HTTP access logs of
 * proxies and servers record it, and ZBD echoes the URL in each event's {@code url} field, so the token is stored
 * with the raw event. Prefer a signature where the provider offers one; rotate the token if logs leak.
 */
public final class UrlToken implements Authenticator {

    private final String parameter;
    private final List<byte[]> secrets;       // each accepted token's UTF-8 bytes; never printed
    private final byte[] signingToken;        // the first secret, for sign(); never printed
    /**
     * Every secret is ASCII (as {@link #randomToken()}'s are): then a token read where it stands in the query needs
     * no ASCII check of its own, see {@link #inQuery}.
     */
    private final boolean asciiSecrets;

    private UrlToken(String parameter, List<byte[]> secrets) {
        this.parameter = parameter;
        this.secrets = List.copyOf(secrets);
        this.signingToken = secrets.get(0).clone();
        boolean ascii = true;
        for (byte[] secret : this.secrets) {
            for (byte b : secret) {
                ascii &= b >= 0;
            }
        }
        this.asciiSecrets = ascii;
    }

    /**
     * The secret in query parameter {@code token}: {@code webhook_url} {@code https://…/webhooks/zbd?token=<token>}.
     *
     * @param secrets one or more accepted tokens (several during a rotation)
     * @return the authenticator, immutable and thread-safe
     * @throws IllegalArgumentException when no token is given, or one is null or empty
     */
    public static UrlToken of(String... secrets) {
        return query("token", secrets);
    }

    /**
     * The secret in the given query parameter.
     *
     * @param parameter the query parameter name
     * @param secrets   one or more accepted tokens (several during a rotation)
     * @return the authenticator, immutable and thread-safe
     * @throws IllegalArgumentException when the parameter name is blank, no token is given, or one is null or empty
     */
    public static UrlToken query(String parameter, String... secrets) {
        if (parameter == null || parameter.isBlank()) {
            throw new IllegalArgumentException("UrlToken: the query parameter name must not be blank");
        }
        return new UrlToken(parameter, Secrets.utf8("UrlToken", secrets));
    }

    /**
     * The secret as the one path segment below the endpoint path: {@code /webhooks/zbd/SECRET}. Keeps the token out
     * of query strings, which some proxies log in more places than paths.
     *
     * @param secrets one or more accepted tokens (several during a rotation)
     * @return the authenticator, immutable and thread-safe
     * @throws IllegalArgumentException when no token is given, or one is null or empty
     */
    public static UrlToken pathSegment(String... secrets) {
        return new UrlToken(null, Secrets.utf8("UrlToken", secrets));
    }

    /**
     * A fresh token to put in a {@code webhook_url}: generate it once and keep it in your secret store.
     *
     * @return 32 bytes from {@link SecureRandom}, base64url without padding (43 URL-safe characters)
     */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The whole check needs no body: a wrong token is refused before a byte of the body is read. */
    @Override
    public Verification checkBeforeBody(WebhookRequest request) {
        return verify(request, null);
    }

    @Override
    public Verification verify(WebhookRequest request, byte[] body) {
        if (parameter != null) {
            int inPlace = inQuery(request.query().orElse(null));
            if (inPlace != DECODE) {
                return inPlace == MATCH ? Verification.ok()
                        : Verification.unauthorized(inPlace == MISSING ? "missing URL token" : "wrong URL token");
            }
        }
        Optional<String> token = parameter == null ? lastSegment(request.path()) : request.queryParameter(parameter);
        if (token.isEmpty() || token.get().isEmpty()) {
            return Verification.unauthorized("missing URL token");
        }
        // Compared with every secret in a time set by the secrets' lengths, not by the token's content or length
        // (ConstantTime.equal); no SHA-256 of the token first, which cost more than the rest of this check.
        return ConstantTime.anyEqual(secrets, token.get().getBytes(StandardCharsets.UTF_8)) ? Verification.ok()
                : Verification.unauthorized("wrong URL token");
    }

    private static final int MATCH = 0;
    private static final int MISSING = 1;
    private static final int WRONG = 2;
    /** {@link #inQuery}: the query needs decoding; {@link WebhookRequest#queryParameter} decides. */
    private static final int DECODE = 3;

    /**
     * The check of a token that needs no decoding, read where it stands in {@code query}: no substring, no bytes
     * (152 B and about 50 ns of a ZBD delivery until 2026-12-07). A query with an escape ({@code %}, {@code +})
     * anywhere is left to {@link WebhookRequest#queryParameter} ({@link #DECODE}): two vectorised scans of the whole
     * query once, where each pair up to the token used to be scanned twice from its start to the query's end and
     * the token a third time, character by character (about 20 ns of a ZBD delivery, 2026-12-07). Without an escape
     * a name is its own decoding, so it is compared as it stands; the pairs are walked as {@code queryParameter}
     * walks them. A token with a character outside ASCII is left to it too, unless every secret is ASCII: then
     * {@link ConstantTime#anyEqualAscii}, which compares each character with a secret's byte, cannot match it, nor
     * can the token's UTF-8 bytes (a byte of 0x80 or more) match the secret's, so its answer is already the
     * decoded check's. What decides the path is the sender's own text; the comparison with the secrets is
     * {@code anyEqualAscii}'s.
     */
    private int inQuery(String query) {
        if (query == null) {
            return MISSING;
        }
        if (query.indexOf('%') >= 0 || query.indexOf('+') >= 0) {
            return DECODE;
        }
        int length = query.length();
        for (int start = 0; start <= length; ) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            int eq = query.indexOf('=', start);
            int nameEnd = eq < 0 || eq > end ? end : eq;
            if (nameEnd - start == parameter.length() && query.regionMatches(start, parameter, 0, parameter.length())) {
                int from = nameEnd == end ? end : nameEnd + 1;
                if (from == end) {
                    return MISSING;
                }
                if (!asciiSecrets && !ascii(query, from, end)) {
                    return DECODE;
                }
                return ConstantTime.anyEqualAscii(secrets, query, from, end) ? MATCH : WRONG;
            }
            start = end + 1;
        }
        return MISSING;
    }

    /** Whether {@code text[from, to)} is ASCII: its UTF-8 bytes are its characters. Or-ed without a branch. */
    private static boolean ascii(String text, int from, int to) {
        int bits = 0;
        for (int i = from; i < to; i++) {
            bits |= text.charAt(i);
        }
        return bits < 0x80;
    }

    /** Puts the first token where this check looks: the query parameter (added to any query), or a path segment. */
    @Override
    public WebhookRequest sign(WebhookRequest request, byte[] body) {
        String token = new String(signingToken, StandardCharsets.UTF_8);
        if (parameter == null) {
            return request.toBuilder().path(request.path() + "/" + token).build(); // compared as it arrives
        }
        String pair = URLEncoder.encode(parameter, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return request.toBuilder().query(request.query().map(q -> q + "&" + pair).orElse(pair)).build();
    }

    private static Optional<String> lastSegment(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? Optional.empty() : Optional.of(path.substring(slash + 1));
    }

    /** Says where the token is looked for; never the token. */
    @Override
    public String toString() {
        return parameter == null ? "UrlToken[path segment]" : "UrlToken[query " + parameter + "]";
    }
}
