package dev.ramphook.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-pass validator agrees with the JDK's strict decoder, except that it also refuses NUL. */
class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"7b7d", "c3a9", "e282ac", "f09f9880", "efbbbf7b7d", "f48fbfbf", "7f"})
    void acceptsWellFormedUtf8(String hex) {
        assertThat(Utf8.isWellFormedWithoutNul(HexFormat.of().parseHex(hex))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "c0af",      // overlong '/'
            "e080af",    // overlong, 3 bytes
            "f08080af",  // overlong, 4 bytes
            "eda080",    // surrogate D800
            "f4908080",  // above U+10FFFF
            "80",        // lone continuation
            "c3",        // truncated
            "e282",      // truncated
            "c328",      // bad continuation
            "7b007d",    // NUL
            "fe", "ff", "f5808080"})
    void refusesMalformedUtf8AndNul(String hex) {
        assertThat(Utf8.isWellFormedWithoutNul(HexFormat.of().parseHex(hex))).isFalse();
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random random = new Random(20261121);
        byte[] alphabet = {0x41, 0x7b, (byte) 0x80, (byte) 0xbf, (byte) 0xc2, (byte) 0xc0, (byte) 0xe0, (byte) 0xed,
                (byte) 0xef, (byte) 0xf0, (byte) 0xf4, (byte) 0xa0, (byte) 0x90, (byte) 0x8f, (byte) 0x9f, 0x01};
        for (int run = 0; run < 200_000; run++) {
            byte[] b = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            boolean jdk = jdkAccepts(b) && !containsNul(b);
            assertThat(Utf8.isWellFormedWithoutNul(b)).as(HexFormat.of().formatHex(b)).isEqualTo(jdk);
        }
    }

    /** Longer bodies, mostly ASCII: runs of eight bytes and odd bytes at every position within and across them. */
    @Test
    void agreesWithTheJdkDecoderOnMostlyAsciiBodies() {
        Random random = new Random(20261206);
        byte[][] odd = {{0}, {(byte) 0x80}, {(byte) 0xff}, {(byte) 0xc3, (byte) 0xa9}, {(byte) 0xe2, (byte) 0x82,
                (byte) 0xac}, {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0,
                (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xe2, (byte) 0x82}, {0x7f}, {0x01}};
        for (int run = 0; run < 200_000; run++) {
            byte[] b = new byte[random.nextInt(41)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (0x20 + random.nextInt(0x5f));
            }
            for (int k = random.nextInt(3); k > 0 && b.length > 0; k--) {
                byte[] o = odd[random.nextInt(odd.length)];
                int at = random.nextInt(b.length);
                System.arraycopy(o, 0, b, at, Math.min(o.length, b.length - at));
            }
            boolean jdk = jdkAccepts(b) && !containsNul(b);
            assertThat(Utf8.isWellFormedWithoutNul(b)).as(HexFormat.of().formatHex(b)).isEqualTo(jdk);
        }
    }

    /** {@link Json#mayEscapeSurrogate} against the byte-by-byte scan it replaced, on bodies dense in near-misses. */
    @Test
    void surrogateEscapeScanAgreesWithTheByteByByteScan() {
        Random random = new Random(2026120621);
        String[] pieces = {"\\\\", "\\u", "\\ud8", "\\uD9", "\\udc", "\\uDF", "\\ud7", "\\ude", "\\uda", "\\ua8",
                "\\\\ud8", "u", "d", "8", "a", "x", "\"", " ", "{", "0"};
        int found = 0;
        for (int run = 0; run < 300_000; run++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(16); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] b = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            boolean expected = ReadTreeOracle.mayEscapeSurrogate(b);
            found += expected ? 1 : 0;
            assertThat(Json.mayEscapeSurrogate(b)).as(new String(b, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
        }
        assertThat(found).as("bodies with an escape").isBetween(1_000, 290_000);
    }

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean containsNul(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return true;
            }
        }
        return false;
    }
}
