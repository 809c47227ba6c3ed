package dev.ramphook.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Ed25519 public keys (the JDK's own EdDSA, Java 15+) for Standard Webhooks' {@code v1a} signatures. */
final class Ed25519Keys {

    private static final String PUBLIC_PREFIX = "whpk_";
    /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw 32-byte Ed25519 key (RFC 8410). */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int RAW_LENGTH = 32;
    private static final int SIGNATURE_LENGTH = 64;

    private final List<PublicKey> keys;

    private Ed25519Keys(List<PublicKey> keys) {
        this.keys = keys;
    }

    static Ed25519Keys parse(String... publicKeys) {
        if (publicKeys == null || publicKeys.length == 0) {
            throw new IllegalArgumentException("StandardWebhooks needs at least one public key");
        }
        List<PublicKey> out = new ArrayList<>(publicKeys.length);
        for (String text : publicKeys) {
            out.add(decode(text));
        }
        return new Ed25519Keys(List.copyOf(out));
    }

    private static PublicKey decode(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("StandardWebhooks: a public key must not be null or blank");
        }
        String base64 = text.startsWith(PUBLIC_PREFIX) ? text.substring(PUBLIC_PREFIX.length()) : text;
        byte[] bytes = SignatureEncoding.BASE64.decode(base64.trim());
        byte[] spki;
        if (bytes != null && bytes.length == RAW_LENGTH) {
            spki = new byte[SPKI_PREFIX.length + RAW_LENGTH];
            System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
            System.arraycopy(bytes, 0, spki, SPKI_PREFIX.length, RAW_LENGTH);
        } else if (bytes != null && bytes.length == SPKI_PREFIX.length + RAW_LENGTH) {
            spki = bytes;
        } else {
            throw new IllegalArgumentException("StandardWebhooks: a public key is not whpk_<base64 of 32 bytes>");
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("StandardWebhooks: a public key is not an Ed25519 key");
        }
    }

    int size() {
        return keys.size();
    }

    /** True when one of {@code signatures} is a valid signature of {@code prefix + body} by one of the keys. */
    boolean anyVerifies(List<byte[]> signatures, byte[] prefix, byte[] body) {
        boolean match = false;
        for (byte[] signature : signatures) {
            if (signature.length != SIGNATURE_LENGTH) {
                continue;
            }
            for (PublicKey key : keys) {
                match |= verifies(key, signature, prefix, body);
            }
        }
        return match;
    }

    private static boolean verifies(PublicKey key, byte[] signature, byte[] prefix, byte[] body) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(prefix);
            verifier.update(body);
            return verifier.verify(signature);
        } catch (GeneralSecurityException malformed) {
            return false; // a signature the JDK cannot even decode is no match
        }
    }

    @Override
    public String toString() {
        return "Ed25519Keys[" + keys.size() + "]";
    }
}
