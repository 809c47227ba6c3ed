package dev.ramphook.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Payload resources as raw bytes, and HMACs computed straight with javax.crypto, independent of main code. */
public final class Samples {

    private Samples() {
    }

    /**
     * The bytes of {@code <provider>/<file>}: from the sample catalog ({@code META-INF/ramphook/samples/}, the
     * documented samples) or else the tests' own payloads ({@code /payloads/}, constructed samples and edge cases).
     */
    public static byte[] bytes(String path) {
        InputStream catalog = Samples.class.getResourceAsStream("/META-INF/ramphook/samples/" + path);
        try (InputStream in = catalog != null ? catalog : Samples.class.getResourceAsStream("/payloads/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no payload resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hex HMAC of {@code parts} concatenated, keyed with the UTF-8 bytes of {@code secret}. */
    public static String hmacHex(String jcaAlgorithm, String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(jcaAlgorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), jcaAlgorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code bytes} with one byte changed: an altered delivery. */
    public static byte[] altered(byte[] bytes) {
        byte[] copy = bytes.clone();
        int i = copy.length / 2;
        copy[i] = (byte) (copy[i] == '1' ? '2' : '1');
        return copy;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
