package dev.ramphook.rampnetwork;

import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * ECDSA over secp256k1 with SHA-256, through BouncyCastle: the JDK dropped secp256k1 in Java 16 (JDK-8251547), and
 * BouncyCastle is the maintained, FIPS-tracked JCA provider that still has it. This is the only class that names
 * BouncyCastle; it is loaded when a {@link RampNetworkSignature} is built, so applications that do not receive
 * Ramp Network webhooks need not have BouncyCastle at all. The provider instance is private: nothing is added to
 * the JVM's global provider list.
 */
final class Secp256k1 {

    private static final Provider PROVIDER = new BouncyCastleProvider();

    private Secp256k1() {
    }

    /**
     * A public key from PEM ({@code -----BEGIN PUBLIC KEY-----}) or bare base64 X.509 text.
     *
     * @throws IllegalArgumentException when it is not a secp256k1 EC public key
     */
    static PublicKey publicKey(String pem) {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("EC", PROVIDER)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (!(key instanceof java.security.interfaces.ECPublicKey ec)
                    || ec.getParams().getCurve().getField().getFieldSize() != 256
                    || ec.getParams().getCurve().getA().signum() != 0) { // secp256k1: y^2 = x^3 + 7
                throw new IllegalArgumentException("RampNetworkSignature: a public key is not a secp256k1 EC key");
            }
            return key;
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("RampNetworkSignature: a public key is not a secp256k1 EC key");
        }
    }

    /** True when {@code derSignature} is a valid SHA256withECDSA signature of {@code message} by {@code key}. */
    static boolean verifies(PublicKey key, byte[] message, byte[] derSignature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA", PROVIDER);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(derSignature);
        } catch (java.security.GeneralSecurityException | RuntimeException malformed) {
            return false; // a signature BouncyCastle cannot even decode is no match
        }
    }
}
