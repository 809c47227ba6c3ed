package dev.ramphook.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HmacKeyTest {

    private static HmacKey key(String secret, String algorithm) {
        return key(ascii(secret), algorithm);
    }

    private static HmacKey key(byte[] secret, String algorithm) {
        return new HmacKey(new SecretKeySpec(secret, algorithm));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static byte[] repeat(int b, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }

    /** The JCA's own HMAC, the oracle: a fresh {@link Mac} per call. */
    private static byte[] jca(String algorithm, byte[] secret, byte[] data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(secret, algorithm));
        return mac.doFinal(data);
    }

    /**
     * RFC 4231 section 4, all seven test cases, HMAC-SHA-256 and HMAC-SHA-512 (case 5's output is truncated to 128
     * bits; cases 6 and 7 have a 131-byte key, longer than either block, which HMAC hashes first).
     */
    @ParameterizedTest(name = "RFC 4231 test case {0}, {1}")
    @CsvSource({
        "1, HmacSHA256, b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        "1, HmacSHA512, 87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
        "2, HmacSHA256, 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "2, HmacSHA512, 164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
        "3, HmacSHA256, 773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
        "3, HmacSHA512, fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
                + "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb",
        "4, HmacSHA256, 82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
        "4, HmacSHA512, b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
                + "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd",
        "5, HmacSHA256, a3b6167473100ee06e0c796c2955552b",
        "5, HmacSHA512, 415fad6271580a531d4179bc891d87a6",
        "6, HmacSHA256, 60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        "6, HmacSHA512, 80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
                + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
        "7, HmacSHA256, 9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
        "7, HmacSHA512, e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
                + "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58",
    })
    void matchesTheRfc4231Vectors(int testCase, String algorithm, String expected) {
        byte[][] keyAndData = switch (testCase) {
            case 1 -> new byte[][] {repeat(0x0b, 20), ascii("Hi There")};
            case 2 -> new byte[][] {ascii("Jefe"), ascii("what do ya want for nothing?")};
            case 3 -> new byte[][] {repeat(0xaa, 20), repeat(0xdd, 50)};
            case 4 -> new byte[][] {hex("0102030405060708090a0b0c0d0e0f10111213141516171819"), repeat(0xcd, 50)};
            case 5 -> new byte[][] {repeat(0x0c, 20), ascii("Test With Truncation")};
            case 6 -> new byte[][] {repeat(0xaa, 131), ascii("Test Using Larger Than Block-Size Key - Hash Key First")};
            case 7 -> new byte[][] {repeat(0xaa, 131), ascii("This is a test using a larger than block-size key and a"
                    + " larger than block-size data. The key needs to be hashed before being used by the HMAC"
                    + " algorithm.")};
            default -> throw new IllegalArgumentException("no test case " + testCase);
        };
        HmacKey key = key(keyAndData[0], algorithm);

        byte[] mac = key.mac(keyAndData[1]);
        byte[] inParts = key.mac(Arrays.copyOf(keyAndData[1], 3), Arrays.copyOfRange(keyAndData[1], 3,
                keyAndData[1].length));

        assertThat(HexFormat.of().formatHex(mac)).startsWith(expected);
        assertThat(inParts).isEqualTo(mac);
    }

    /**
     * The keyed pads against the JCA's {@link Mac} on random keys and bodies, with every length around the block
     * sizes (64 and 128 bytes, where a key is padded or hashed and a body fills a block exactly or spills into the
     * next) and in parts split at random places.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HmacSHA256", "HmacSHA512", "HmacSHA384", "HmacSHA1"})
    void agreesWithTheJcaOnRandomKeysAndBodies(String algorithm) throws Exception {
        Random random = new Random(4231);
        int[] keyLengths = {1, 2, 20, 31, 32, 33, 63, 64, 65, 100, 111, 112, 113, 127, 128, 129, 131, 200, 256, 1000};
        for (int round = 0; round < 600; round++) {
            byte[] secret = new byte[round < keyLengths.length ? keyLengths[round] : 1 + random.nextInt(300)];
            random.nextBytes(secret);
            HmacKey key = key(secret, algorithm);
            for (int b = 0; b < 6; b++) {
                int length = b == 0 ? round % 300 : random.nextInt(b < 3 ? 260 : 4000);
                byte[] body = new byte[length];
                random.nextBytes(body);
                byte[] expected = jca(algorithm, secret, body);
                int cut = length == 0 ? 0 : random.nextInt(length + 1);

                assertThat(key.mac(body)).as("%s, key %d B, body %d B", algorithm, secret.length, length)
                        .isEqualTo(expected);
                assertThat(key.mac(Arrays.copyOf(body, cut), Arrays.copyOfRange(body, cut, length), new byte[0]))
                        .as("in parts cut at %d", cut).isEqualTo(expected);
            }
        }
    }

    @Test
    void partsAreSignedAsOneMessageAndCallsShareNoState() {
        HmacKey key = key("s3cr3t", "HmacSHA512");

        byte[] whole = key.mac(ascii("v1.123.{}"));

        assertThat(key.mac(ascii("v1.123."), ascii("{}"))).isEqualTo(whole);
        assertThat(key.mac(ascii("v1.123.{}"))).isEqualTo(whole);
        assertThat(key.mac(ascii("v1.123.{}"))).isNotSameAs(whole);
        assertThat(whole).hasSize(64);
    }

    /** One key shared by eight threads, each checking its own bodies against the JCA's answers. */
    @Test
    void oneKeyServesManyThreadsAtOnce() throws Exception {
        byte[] secret = ascii("mecash-shared-secret-3a8e5c1f9d2b");
        HmacKey sha512 = key(secret, "HmacSHA512");
        HmacKey sha256 = key(secret, "HmacSHA256");
        int threads = 8;
        int bodies = 64;
        byte[][] body = new byte[bodies][];
        byte[][] expected512 = new byte[bodies][];
        byte[][] expected256 = new byte[bodies][];
        Random random = new Random(8);
        for (int i = 0; i < bodies; i++) {
            body[i] = new byte[random.nextInt(600)];
            random.nextBytes(body[i]);
            expected512[i] = jca("HmacSHA512", secret, body[i]);
            expected256[i] = jca("HmacSHA256", secret, body[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int n = 0; n < 5_000; n++) {
                        int i = (n * 7 + offset) % bodies;
                        wrong += Arrays.equals(sha512.mac(body[i]), expected512[i]) ? 0 : 1;
                        wrong += Arrays.equals(sha256.mac(body[i]), expected256[i]) ? 0 : 1;
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(2, TimeUnit.MINUTES)).as("wrong MACs on one thread").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toStringNamesTheAlgorithmOnly() {
        assertThat(key("s3cr3t", "HmacSHA256").toString()).isEqualTo("HmacKey[HmacSHA256]");
        assertThat(key("s3cr3t", "HmacSHA512").toString()).isEqualTo("HmacKey[HmacSHA512]")
                .doesNotContain("s3cr3t").doesNotContain(HexFormat.of().formatHex(ascii("s3cr3t")));
    }
}
