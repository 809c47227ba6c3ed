package dev.ramphook.servlet;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test helper: signs like a provider does. */
final class Hmac {

    private Hmac() {
    }

    static String sha256Hex(String secret, byte[] body) {
        return HexFormat.of().formatHex(mac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), body));
    }

    static String sha512Hex(String secret, byte[] body) {
        return HexFormat.of().formatHex(mac("HmacSHA512", secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** Standard Webhooks: {@code v1,<base64 HMAC-SHA256>} of {@code id.timestamp.body}, keyed by whsec_'s bytes. */
    static String standardWebhooks(String whsecSecret, String id, long timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        return "v1," + Base64.getEncoder().encodeToString(mac("HmacSHA256", key, concat(prefix, body)));
    }

    /** Stripe style: the hex HMAC-SHA256 of {@code t + "." + body}. */
    static String timestamped(String secret, long timestamp, byte[] body) {
        return sha256Hex(secret, concat((timestamp + ".").getBytes(StandardCharsets.US_ASCII), body));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] mac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
