package dev.ramphook.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacKeyTest {

    private static HmacKey key(String secret, String algorithm) {
        return new HmacKey(new SecretKeySpec(ascii(secret), algorithm));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void matchesTheRfc4231Vector() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        byte[] mac = key("Jefe", "HmacSHA256").mac(ascii("what do ya want for nothing?"));

        assertThat(HexFormat.of().formatHex(mac))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void partsAreSignedAsOneMessageAndCallsShareNoState() {
        HmacKey key = key("s3cr3t", "HmacSHA512");

        byte[] whole = key.mac(ascii("v1.123.{}"));

        assertThat(key.mac(ascii("v1.123."), ascii("{}"))).isEqualTo(whole);
        assertThat(key.mac(ascii("v1.123.{}"))).isEqualTo(whole);
        assertThat(whole).hasSize(64);
    }

    @Test
    void toStringNamesTheAlgorithmOnly() {
        assertThat(key("s3cr3t", "HmacSHA256").toString()).isEqualTo("HmacKey[HmacSHA256]");
    }
}
