package dev.ramphook.auth;

import dev.ramphook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC of the raw body in a request header: meCash's {@code X-Signature} (HMAC-SHA512, hex), GitHub-style
 * {@code sha256=<hex>}, ZBD's {@code X-ZBD-Signature}. Hex is accepted in either case; several secrets may be
 * given for rotation; comparison is constant-time.
 *
 * <pre>{@code
 * HmacSignature.sha512Hex("X-Signature", secret)                    // meCash default
 * HmacSignature.sha256Hex("X-meCash-Signature", secret).prefix("sha256=")
 * }</pre>
 */
public final class HmacSignature implements Authenticator {

    /** How the signature is written in the header. */
    public enum Encoding { HEX, BASE64 }

    private final String algorithm;
    private final String header;
    private final Encoding encoding;
    private final String prefix;
    private final List<SecretKeySpec> keys;

    private HmacSignature(String algorithm, String header, Encoding encoding, String prefix, List<SecretKeySpec> keys) {
        this.algorithm = algorithm;
        this.header = header;
        this.encoding = encoding;
        this.prefix = prefix;
        this.keys = keys;
    }

    public static HmacSignature sha256Hex(String header, String... secrets) {
        return create("HmacSHA256", header, Encoding.HEX, secrets);
    }

    public static HmacSignature sha512Hex(String header, String... secrets) {
        return create("HmacSHA512", header, Encoding.HEX, secrets);
    }

    public static HmacSignature sha256Base64(String header, String... secrets) {
        return create("HmacSHA256", header, Encoding.BASE64, secrets);
    }

    public static HmacSignature sha512Base64(String header, String... secrets) {
        return create("HmacSHA512", header, Encoding.BASE64, secrets);
    }

    private static HmacSignature create(String algorithm, String header, Encoding encoding, String... secrets) {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("HmacSignature: the header name must not be blank");
        }
        List<SecretKeySpec> keys = Secrets.utf8("HmacSignature", secrets).stream()
                .map(s -> new SecretKeySpec(s, algorithm))
                .toList();
        return new HmacSignature(algorithm, header, encoding, "", keys);
    }

    /** A prefix the header value starts with, such as {@code sha256=}; matched ignoring case. */
    public HmacSignature prefix(String prefix) {
        return new HmacSignature(algorithm, header, encoding, Objects.requireNonNull(prefix, "prefix"), keys);
    }

    @Override
    public Verification verify(WebhookRequest request, byte[] body) {
        Optional<String> value = request.header(header);
        if (value.isEmpty() || value.get().isBlank()) {
            return Verification.unauthorized("missing signature header " + header);
        }
        String given = value.get().trim();
        if (!prefix.isEmpty()) {
            if (!given.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return Verification.unauthorized("signature header " + header + " lacks prefix " + prefix);
            }
            given = given.substring(prefix.length());
        }
        byte[] signature = decode(given);
        if (signature == null) {
            return Verification.unauthorized("malformed signature in " + header);
        }
        boolean match = false;
        for (SecretKeySpec key : keys) {
            match |= MessageDigest.isEqual(mac(key, body), signature);
        }
        return match ? Verification.ok() : Verification.unauthorized("no matching signature");
    }

    private byte[] decode(String text) {
        try {
            return encoding == Encoding.HEX
                    ? HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT))
                    : Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    // javax.crypto.Mac is not thread-safe: one instance per call.
    private byte[] mac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "HmacSignature[" + algorithm + ", " + header + ", " + encoding + "]";
    }
}
