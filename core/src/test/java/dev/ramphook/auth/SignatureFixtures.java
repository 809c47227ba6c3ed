package dev.ramphook.auth;

import dev.ramphook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test helpers: requests with headers, and HMACs computed straight with javax.crypto, independent of main code. */
final class SignatureFixtures {

    private SignatureFixtures() {
    }

    /** A POST to /webhooks/test with the given header name/value pairs. */
    static WebhookRequest post(String... headerPairs) {
        WebhookRequest.Builder b = WebhookRequest.builder().path("/webhooks/test");
        for (int i = 0; i < headerPairs.length; i += 2) {
            b.header(headerPairs[i], headerPairs[i + 1]);
        }
        return b.build();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hmac(String jcaAlgorithm, byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(jcaAlgorithm);
            mac.init(new SecretKeySpec(key, jcaAlgorithm));
            return mac.doFinal(utf8(message));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
