package dev.ramphook.servlet;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test helper: signs like a provider does. */
final class Hmac {

    private Hmac() {
    }

    static String sha256Hex(String secret, byte[] body) {
        return hex("HmacSHA256", secret, body);
    }

    static String sha512Hex(String secret, byte[] body) {
        return hex("HmacSHA512", secret, body);
    }

    private static String hex(String algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
