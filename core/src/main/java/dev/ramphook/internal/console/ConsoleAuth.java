package dev.ramphook.internal.console;

import dev.ramphook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who is asking, and whether a POST comes from the console's own page.
 *
 * <p>Credentials: HTTP basic (browsers) or a bearer token (scripts), each compared as HMAC digests with
 * {@link MessageDigest#isEqual}, so neither the content nor the length of a secret leaks through timing. Nothing
 * here touches the store: a refused request costs two HMACs.
 *
 * <p>CSRF (browsers send basic credentials to any page that posts to us): every console form carries a token
 * {@code <issued-epoch-second>.<HMAC(key, user.issued)>}, valid for {@link #CSRF_LIFETIME}. The key is derived from
 * the configured credentials, so every instance behind a load balancer accepts the others' tokens, and changing
 * the password invalidates them all. A POST must carry a valid token (form field {@code csrf} or header
 * {@code X-CSRF-Token}) and, when the browser says where it comes from, {@code Sec-Fetch-Site} must be
 * {@code same-origin} or {@code none}. Bearer-token requests are exempt: a browser never adds that header by itself.
 */
final class ConsoleAuth {

    static final Duration CSRF_LIFETIME = Duration.ofHours(8);
    private static final String HMAC = "HmacSHA256";

    /** Who passed authentication; {@code bearer} when by token. */
    record Principal(String name, boolean bearer) {
    }

    private final String user;
    private final byte[] passwordDigest;
    private final byte[] tokenDigest;
    private final byte[] checkKey = new byte[32];
    private final byte[] csrfKey;

    ConsoleAuth(ConsoleConfig config) {
        new java.security.SecureRandom().nextBytes(checkKey); // digests for comparison only, never stored
        this.user = config.user();
        this.passwordDigest = config.password() == null ? null : mac(checkKey, config.password());
        this.tokenDigest = config.token() == null ? null : mac(checkKey, config.token());
        byte[] material = concat(config.password(), config.token());
        this.csrfKey = mac("ramphook console csrf v1".getBytes(StandardCharsets.UTF_8), material);
    }

    /** The principal, or empty when the request has no valid credentials. */
    Optional<Principal> authenticate(WebhookRequest request) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        if (tokenDigest != null && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            byte[] given = value.substring(7).trim().getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(mac(checkKey, given), tokenDigest)
                    ? Optional.of(new Principal("token", true)) : Optional.empty();
        }
        if (passwordDigest != null && value.regionMatches(true, 0, "Basic ", 0, 6)) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(value.substring(6).trim());
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
            String pair = new String(decoded, StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            boolean userOk = MessageDigest.isEqual(mac(checkKey, pair.substring(0, colon).getBytes(StandardCharsets.UTF_8)),
                    mac(checkKey, user.getBytes(StandardCharsets.UTF_8)));
            boolean passwordOk = MessageDigest.isEqual(
                    mac(checkKey, pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8)), passwordDigest);
            return userOk & passwordOk ? Optional.of(new Principal(user, false)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** True when browsers should be asked for basic credentials (a 401 with {@code WWW-Authenticate}). */
    boolean offersBasic() {
        return passwordDigest != null;
    }

    String csrfToken(Principal who, Instant now) {
        long issued = now.getEpochSecond();
        return issued + "." + signature(who.name(), issued);
    }

    /** Bearer requests pass; others need a fresh token of theirs and no cross-site origin. */
    boolean postAllowed(Principal who, WebhookRequest request, String token, Instant now) {
        if (who.bearer()) {
            return true;
        }
        String site = request.header("Sec-Fetch-Site").orElse("same-origin");
        if (!site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        long issued;
        try {
            issued = Long.parseLong(token.substring(0, Math.max(dot, 0)));
        } catch (NumberFormatException notANumber) {
            return false;
        }
        Instant at = Instant.ofEpochSecond(issued);
        if (at.isAfter(now.plusSeconds(60)) || at.plus(CSRF_LIFETIME).isBefore(now)) {
            return false;
        }
        return MessageDigest.isEqual(signature(who.name(), issued).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String name, long issued) {
        byte[] sig = mac(csrfKey, (name + "." + issued).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] left = a == null ? new byte[0] : a;
        byte[] right = b == null ? new byte[0] : b;
        byte[] out = new byte[left.length + 1 + right.length];
        System.arraycopy(left, 0, out, 0, left.length);
        System.arraycopy(right, 0, out, left.length + 1, right.length);
        return out;
    }
}
