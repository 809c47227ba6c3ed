package dev.ramphook.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Differential: whatever our DNS-free parser accepts, the JDK reads as the same address. The JDK is only asked
 * about strings we accepted as literals, so it never resolves a name.
 */
class IpAddressFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void acceptedLiteralsMeanWhatTheJdkThinksTheyMean(byte[] input) throws UnknownHostException {
        String text = input == null ? "" : new String(input, StandardCharsets.UTF_8);
        byte[] ours = IpAddress.parse(text);
        if (ours == null || text.indexOf('%') >= 0) { // the JDK resolves zone ids against local interfaces
            return;
        }
        byte[] jdk = InetAddress.getByName(text).getAddress();
        if (jdk.length == 16 && ours.length == 4) { // we fold ::ffff:a.b.c.d to IPv4 on purpose
            assertThat(jdk).startsWith(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff});
            assertThat(jdk).endsWith(ours);
        } else {
            assertThat(ours).isEqualTo(jdk);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void forwardedHopsNeverThrow(byte[] input) {
        String text = input == null ? "" : new String(input, StandardCharsets.UTF_8);
        byte[] parsed = IpAddress.parseWithOptionalPort(text);
        assertThat(parsed == null || parsed.length == 4 || parsed.length == 16).isTrue();
    }
}
