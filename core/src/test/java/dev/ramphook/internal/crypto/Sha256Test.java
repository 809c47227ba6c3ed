package dev.ramphook.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class Sha256Test {

    /** FIPS 180-2's example: SHA-256("abc"). */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hashesTheStandardExample() {
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
        assertThat(Sha256.of(new byte[0])).hasSize(32);
    }

    @Test
    void eachDigestStartsFresh() {
        MessageDigest first = Sha256.newDigest();
        first.update((byte) 'a');

        MessageDigest second = Sha256.newDigest();
        second.update("abc".getBytes(StandardCharsets.US_ASCII));

        assertThat(second.digest()).isEqualTo(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
    }
}
