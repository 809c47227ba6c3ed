package dev.ramphook.auth;

import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMACs every JVM ships. */
enum HmacAlgorithm {
    SHA256("HmacSHA256"),
    SHA512("HmacSHA512");

    private final String jca;

    HmacAlgorithm(String jca) {
        this.jca = jca;
    }

    List<SecretKeySpec> keys(List<byte[]> secrets) {
        return secrets.stream().map(s -> new SecretKeySpec(s, jca)).toList();
    }

    // javax.crypto.Mac is not thread-safe: one instance per call (getInstance is cheap next to a network request).
    byte[] mac(SecretKeySpec key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jca + " is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return jca;
    }
}
