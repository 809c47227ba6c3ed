package dev.ramphook.rampnetwork;

import static dev.ramphook.testing.Samples.bytes;
import static dev.ramphook.testing.Samples.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.WebhookRequest;
import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.testkit.TestKeyPair;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Cheap checks first: a signature that cannot be a secp256k1 DER signature is refused before the body is
 * canonicalised, and canonicalising an unauthenticated body stops at a bound on its values and nesting. The proxy for
 * "not canonicalised" is a body that would fail to canonicalise (its last bytes are not JSON): the refusal names the
 * signature or the bound, never "body is not JSON".
 */
class RampNetworkCheapChecksTest {

    /** secp256k1's group order: r and s must lie in [1, N - 1]. */
    private static final BigInteger N =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    private final TestKeyPair ramp = TestKeyPair.rampNetwork();
    private final Authenticator check = RampNetworkSignature.of(ramp.publicKey());

    /** About 1 MiB: 80,000 members, then bytes that are not JSON, so it has no canonical form at all. */
    private static byte[] floodBody() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 80_000; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return utf8(json.append("} not json").toString());
    }

    private static WebhookRequest delivery(byte[] body, String signature) {
        return WebhookRequest.builder().path("/webhooks/ramp").header("Content-Type", "application/json")
                .header(RampNetworkSignature.HEADER, signature).body(body).remoteAddress("127.0.0.1").build();
    }

    private static WebhookRequest unsigned(byte[] body) {
        return WebhookRequest.builder().path("/webhooks/ramp").header("Content-Type", "application/json").body(body)
                .remoteAddress("127.0.0.1").build();
    }

    private Verification verify(byte[] body, byte[] signature) {
        return check.verify(delivery(body, Base64.getEncoder().encodeToString(signature)), body);
    }

    /** DER {@code SEQUENCE { INTEGER r, INTEGER s }}, minimal, as ECDSA signers write it. */
    private static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(4 + rb.length + sb.length);
        out.write(0x02);
        out.write(rb.length);
        out.writeBytes(rb);
        out.write(0x02);
        out.write(sb.length);
        out.writeBytes(sb);
        return out.toByteArray();
    }

    @Test
    void aGarbageSignatureIsRefusedBeforeTheBodyIsCanonicalised() {
        byte[] garbage = new byte[72];
        Arrays.fill(garbage, (byte) 0x5a);

        assertThat(verify(floodBody(), garbage).reason()).hasValue("malformed signature in X-Body-Signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"r zero", "r is N", "s over N", "s 34 bytes", "trailing byte", "non-minimal r",
            "negative s", "wrong sequence length", "not a sequence"})
    void aSignatureThatCannotBeSecp256k1DerIsMalformed(String flaw) {
        BigInteger one = BigInteger.valueOf(12345);
        byte[] sig = switch (flaw) {
            case "r zero" -> der(BigInteger.ZERO, one);
            case "r is N" -> der(N, one);
            case "s over N" -> der(one, N.add(BigInteger.TEN));
            case "s 34 bytes" -> der(one, BigInteger.ONE.shiftLeft(264));
            case "trailing byte" -> Arrays.copyOf(der(one, one), der(one, one).length + 1);
            case "non-minimal r" -> {
                byte[] d = der(BigInteger.valueOf(0x0102), one); // 30 08 02 02 01 02 02 02 30 39
                byte[] padded = new byte[d.length + 1];
                padded[0] = 0x30;
                padded[1] = (byte) (d[1] + 1);
                padded[2] = 0x02;
                padded[3] = 0x03;
                padded[4] = 0x00; // a leading zero before a byte without its high bit: not minimal
                System.arraycopy(d, 4, padded, 5, d.length - 4);
                yield padded;
            }
            case "negative s" -> der(one, BigInteger.valueOf(-5));
            case "wrong sequence length" -> {
                byte[] d = der(one, one);
                d[1]++;
                yield d;
            }
            default -> {
                byte[] d = der(one, one);
                d[0] = 0x31;
                yield d;
            }
        };

        assertThat(verify(bytes("rampnetwork/purchase-released-constructed.json"), sig).reason())
                .hasValue("malformed signature in X-Body-Signature");
    }

    @Test
    void aWellFormedWrongSignatureOverAHugeBodyStopsAtTheBoundOfValues() {
        byte[] wellFormed = der(BigInteger.ONE.shiftLeft(255).add(BigInteger.valueOf(7)), BigInteger.valueOf(99));

        assertThat(verify(floodBody(), wellFormed).reason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("more than " + RampNetworkSignature.MAX_VALUES + " JSON values"));
    }

    @Test
    void aWellFormedWrongSignatureOverADeepBodyStopsAtTheBoundOfNesting() {
        String deep = "{\"a\":".repeat(RampNetworkSignature.MAX_DEPTH + 1) + "1" + "}".repeat(
                RampNetworkSignature.MAX_DEPTH + 1);
        byte[] wellFormed = der(BigInteger.valueOf(5), BigInteger.valueOf(99));

        assertThat(verify(utf8(deep), wellFormed).reason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("nested deeper than " + RampNetworkSignature.MAX_DEPTH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"purchase-created-constructed.json", "purchase-released-constructed.json",
            "offramp-created-constructed.json"})
    void genuineSignedSamplesStillVerify(String file) {
        byte[] body = bytes("rampnetwork/" + file);
        WebhookRequest signed = ramp.signer().sign(unsigned(body), body);

        assertThat(check.verify(signed, body).isOk()).isTrue();
    }

    @Test
    void aGenuineBodyAtTheBoundsStillVerifies() {
        StringBuilder json = new StringBuilder("{\"type\":\"CREATED\",\"items\":[");
        for (int i = 0; i < RampNetworkSignature.MAX_VALUES - 3; i++) {
            json.append(i == 0 ? "" : ",").append(i);
        }
        byte[] body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        WebhookRequest signed = ramp.signer().sign(unsigned(body), body);

        assertThat(check.verify(signed, body).isOk()).isTrue();
    }
}
