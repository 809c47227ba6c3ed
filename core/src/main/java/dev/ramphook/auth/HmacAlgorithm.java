package dev.ramphook.auth;

import dev.ramphook.internal.crypto.HmacKey;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;

/** The HMACs every JVM ships. */
enum HmacAlgorithm {
    SHA256("HmacSHA256"),
    SHA512("HmacSHA512");

    private final String jca;

    HmacAlgorithm(String jca) {
        this.jca = jca;
    }

    List<HmacKey> keys(List<byte[]> secrets) {
        return secrets.stream().map(this::key).toList();
    }

    private HmacKey key(byte[] secret) {
        return new HmacKey(new SecretKeySpec(secret, jca));
    }

    @Override
    public String toString() {
        return jca;
    }
}
