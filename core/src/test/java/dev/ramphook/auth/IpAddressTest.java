package dev.ramphook.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
            "192.0.2.1, 192.0.2.1",
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "::1, 0:0:0:0:0:0:0:1",
            "::, 0:0:0:0:0:0:0:0",
            "2001:db8::, 2001:db8:0:0:0:0:0:0",
            "2001:DB8:0:0:8:800:200C:417A, 2001:db8:0:0:8:800:200c:417a",
            "[2001:db8::1], 2001:db8:0:0:0:0:0:1",
            "fe80::1%eth0, fe80:0:0:0:0:0:0:1",
            "::ffff:192.0.2.1, 192.0.2.1",
            "64:ff9b::192.0.2.1, 64:ff9b:0:0:0:0:c000:201",
            "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
    })
    void parsesLiterals(String literal, String canonical) {
        assertThat(IpAddress.format(IpAddress.parse(literal))).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "192.0.2", "192.0.2.1.5", "256.0.0.1", "010.0.0.1", "1.2.3.-4",
            "1..2.3", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "12345::", "::g", "1:2:3:4:5:6:7:8::",
            "１.２.３.４", "٣.1.1.1", "[::1", "1.2.3.4 ", "::1.2.3", "0x7f.0.0.1", "2130706433", "[192.0.2.1]"})
    void refusesNonLiterals(String text) {
        assertThat(IpAddress.parse(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "192.0.2.1:8080, 192.0.2.1",
            "'\"192.0.2.1\"', 192.0.2.1",
            "[2001:db8::1]:443, 2001:db8:0:0:0:0:0:1",
            "'\"[2001:db8::1]:443\"', 2001:db8:0:0:0:0:0:1",
            "2001:db8::1, 2001:db8:0:0:0:0:0:1",
    })
    void parsesForwardedHopsWithPorts(String hop, String canonical) {
        assertThat(IpAddress.format(IpAddress.parseWithOptionalPort(hop))).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "_hidden", "192.0.2.1:", "192.0.2.1:99999x", "[2001:db8::1]x"})
    void refusesObfuscatedOrBrokenHops(String hop) {
        assertThat(IpAddress.parseWithOptionalPort(hop)).isNull();
    }
}
