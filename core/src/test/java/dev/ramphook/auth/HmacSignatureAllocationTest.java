package dev.ramphook.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.WebhookRequest;
import dev.ramphook.testing.C1Measure;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * What checking a meCash signature allocates ({@code X-Signature}, 128 hex digits of HMAC-SHA512 over a 0.3 KB
 * body): the MAC's own array and the two keyed digests it is computed on (see {@code KeyedPads}), and little else.
 * The header is read in place: no list of items, no substrings, no decoded arrays (until 2026-12-06 they were about
 * 200 B per delivery). Counted in a C1-only JVM of its own, as {@code AllocationBudgetTest} does: every allocation
 * counts, the same from run to run; a byte count, not a timing.
 */
class HmacSignatureAllocationTest {

    /**
     * The MAC's 64 bytes (80 B as an array), the array of the secrets' MACs (24 B) and the header's one-value list
     * (24 B): 128 B measured on 2026-12-06 (OpenJDK 17; 360 B before), then the two clones of the keyed digests that
     * spare HMAC-SHA512 two of its six compressions per 0.3 KB body (a third of its CPU): 2 x 288 B, and in this
     * C1-only JVM 2 x 656 B more for each clone's SHA-512 message schedule, which the JDK drops on clone and C2's
     * SHA-512 intrinsic never allocates: 2,080 B measured (768 B with C2); then the header value's ISO-8859-1
     * bytes, copied once so that its 128 digits are checked and compared eight at a time (about 50 ns less per
     * check, 2026-12-07): 144 B more, 2,224 B measured, plus a little slack.
     */
    static final long BUDGET = 2_270;

    private static final String SECRET = "mecash-allocation-secret";
    private static final int RING = 1_000;

    @Test
    void aMeCashSignatureCheckAllocatesLittleBeyondItsMac() throws Exception {
        Matcher result = C1Measure.run(HmacSignatureAllocationTest.class, "256m", 2,
                "^hmac allocation: (\\d+) B per check$");
        assertThat(Long.parseLong(result.group(1))).as("bytes allocated per meCash signature check")
                .isLessThanOrEqualTo(BUDGET);
    }

    /**
     * The measure, in the JVM the test starts: prints one line.
     *
     * @param args none
     * @throws Exception never: HMAC-SHA512 is in every JVM
     */
    public static void main(String[] args) throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        byte[][] bodies = new byte[RING][];
        WebhookRequest[] requests = new WebhookRequest[RING];
        for (int i = 0; i < RING; i++) {
            bodies[i] = String.format("{\"event\":\"ramp.payout.completed\",\"data\":{\"id\":\"8bd9a372-8d2b-494c-"
                    + "b0b2-%012d\",\"type\":\"SEND\",\"category\":\"OFF_RAMP\",\"state\":\"COMPLETED\","
                    + "\"referenceNumber\":\"YQXUA0ELOXXXXXX\",\"created\":\"2025-01-08T12:23:51.908663\","
                    + "\"processed\":\"2025-01-08T12:30:10.499526\"}}", i).getBytes(StandardCharsets.UTF_8);
            requests[i] = WebhookRequest.builder().method("POST").path("/webhooks/mecash")
                    .header("Content-Type", "application/json")
                    .header("X-Signature", HexFormat.of().formatHex(mac.doFinal(bodies[i])))
                    .body(bodies[i]).build();
        }
        HmacSignature check = HmacSignature.sha512Hex("X-Signature", SECRET);
        long least = Long.MAX_VALUE;
        for (int pass = 0; pass < 20; pass++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < RING; i++) {
                if (!check.verify(requests[i], bodies[i]).isOk()) {
                    throw new IllegalStateException("a genuine signature was refused");
                }
            }
            long used = threads.getCurrentThreadAllocatedBytes() - before;
            if (pass >= 10) {
                least = Math.min(least, used / RING);
            }
        }
        System.out.println("hmac allocation: " + least + " B per check");
    }
}
