package dev.ramphook.internal.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * ECDSA over secp256k1 with SHA-256, through BouncyCastle: the JDK dropped secp256k1 in Java 16 (JDK-8251547), and
 * BouncyCastle is the maintained, FIPS-tracked JCA provider that still has it. This is the only class that names
 * BouncyCastle; it is loaded when a Ramp Network signature check or test key is built, so applications that do
 * not receive Ramp Network webhooks need not have BouncyCastle at all (a caller catches the
 * {@link NoClassDefFoundError} of a missing BouncyCastle and says which dependency to add). The provider instance
 * is private: nothing is added to the JVM's global provider list.
 */
public final class Secp256k1 {

    /** What to say when BouncyCastle is missing. */
    public static final String MISSING = "Ramp Network signatures use ECDSA on secp256k1, which the JDK no longer"
            + " has: add org.bouncycastle:bcprov-jdk18on to the class path";

    private static final Provider PROVIDER = new BouncyCastleProvider();
    private static final String ALGORITHM = "SHA256withECDSA";

    private Secp256k1() {
    }

    /**
     * A public key from PEM ({@code -----BEGIN PUBLIC KEY-----}) or bare base64 X.509 text.
     *
     * @throws IllegalArgumentException when it is not a secp256k1 EC public key
     */
    public static PublicKey publicKey(String pem) {
        try {
            PublicKey key = KeyFactory.getInstance("EC", PROVIDER)
                    .generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
            if (!(key instanceof ECPublicKey ec)
                    || ec.getParams().getCurve().getField().getFieldSize() != 256
                    || ec.getParams().getCurve().getA().signum() != 0) { // secp256k1: y^2 = x^3 + 7
                throw new IllegalArgumentException("RampNetworkSignature: a public key is not a secp256k1 EC key");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("RampNetworkSignature: a public key is not a secp256k1 EC key");
        }
    }

    /**
     * A key pair from a PKCS#8 private key in PEM ({@code -----BEGIN PRIVATE KEY-----}) or bare base64; the public
     * key is derived from it.
     *
     * @throws IllegalArgumentException when it is not a secp256k1 EC private key (the message does not repeat it)
     */
    public static KeyPair keyPair(String privateKeyPem) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC", PROVIDER);
            PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(der(privateKeyPem, "PRIVATE KEY")));
            if (!(key instanceof org.bouncycastle.jce.interfaces.ECPrivateKey ec)) {
                throw new IllegalArgumentException("not an EC key");
            }
            org.bouncycastle.jce.spec.ECParameterSpec params = ec.getParameters();
            if (params == null || params.getCurve().getFieldSize() != 256 || params.getCurve().getA().toBigInteger()
                    .signum() != 0) {
                throw new IllegalArgumentException("not secp256k1");
            }
            org.bouncycastle.math.ec.ECPoint q = params.getG().multiply(ec.getD()).normalize();
            PublicKey pub = factory.generatePublic(new org.bouncycastle.jce.spec.ECPublicKeySpec(q, params));
            return new KeyPair(publicKey(pem(pub)), key);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("a Ramp Network test key is not a secp256k1 PKCS#8 private key");
        }
    }

    /** A fresh secp256k1 key pair. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", PROVIDER);
            generator.initialize(new ECGenParameterSpec("secp256k1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle cannot generate a secp256k1 key", e);
        }
    }

    /** The DER SHA256withECDSA signature of {@code message}. */
    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM, PROVIDER);
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle cannot sign with secp256k1", e);
        }
    }

    /** True when {@code derSignature} is a valid SHA256withECDSA signature of {@code message} by {@code key}. */
    public static boolean verifies(PublicKey key, byte[] message, byte[] derSignature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM, PROVIDER);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(derSignature);
        } catch (GeneralSecurityException | RuntimeException malformed) {
            return false; // a signature BouncyCastle cannot even decode is no match
        }
    }

    /** secp256k1's group order n: the r and s of a signature lie in [1, n - 1]. */
    private static final BigInteger ORDER = new BigInteger(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    /**
     * True when {@code der} can be a SHA256withECDSA signature on secp256k1: exactly {@code SEQUENCE { INTEGER r,
     * INTEGER s }} in minimal DER (at most 72 bytes), with {@code 1 <= r, s < n}. Pure arithmetic, no BouncyCastle:
     * the check that lets a garbage signature be refused before its body is canonicalised. Strict DER is what
     * signers write (OpenSSL, Node's crypto, BouncyCastle) and what BouncyCastle's verifier accepts.
     */
    public static boolean wellFormedSignature(byte[] der) {
        if (der == null || der.length < 8 || der.length > 72 || der[0] != 0x30 || der[1] != der.length - 2) {
            return false;
        }
        int rLength = integerLength(der, 2);
        if (rLength < 0) {
            return false;
        }
        int sAt = 4 + rLength;
        int sLength = integerLength(der, sAt);
        return sLength >= 0 && sAt + 2 + sLength == der.length
                && inRange(der, 4, rLength) && inRange(der, sAt + 2, sLength);
    }

    /** The length of the minimal positive DER INTEGER of at most 33 bytes at {@code at}, or -1. */
    private static int integerLength(byte[] der, int at) {
        if (at + 2 > der.length || der[at] != 0x02) {
            return -1;
        }
        int length = der[at + 1];
        if (length < 1 || length > 33 || at + 2 + length > der.length) {
            return -1;
        }
        byte first = der[at + 2];
        if (first < 0) {
            return -1; // negative
        }
        if (first == 0 && (length == 1 || der[at + 3] >= 0)) {
            return -1; // zero, or a leading zero byte that is not needed
        }
        return length;
    }

    private static boolean inRange(byte[] der, int at, int length) {
        BigInteger value = new BigInteger(1, Arrays.copyOfRange(der, at, at + length));
        return value.signum() > 0 && value.compareTo(ORDER) < 0;
    }

    /** {@code key} as PEM: {@code PUBLIC KEY} (X.509) or {@code PRIVATE KEY} (PKCS#8). */
    public static String pem(java.security.Key key) {
        String type = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem, String type) {
        String base64 = pem.replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
