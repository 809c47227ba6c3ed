package dev.ramphook.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the console shows of a stored delivery: the body, the headers and the curl command, masked. */
class BodiesTest {

    @Test
    void aBodyThatIsNotJsonIsMaskedAsFarAsTextAllows() {
        byte[] form = "amount=1&client_secret=abc&note=hi".getBytes(StandardCharsets.UTF_8);
        byte[] broken = "{\"access_token\": \"abc\", \"x\": \"y\\\"z\"".getBytes(StandardCharsets.UTF_8);

        assertThat(Bodies.maskedText(form)).isEqualTo("amount=1&client_secret=***&note=hi");
        assertThat(Bodies.pretty(broken)).isEqualTo("{\"access_token\": \"***\", \"x\": \"y\\\"z\"");
    }

    @Test
    void headerValuesAndNamesThatCarryCredentialsAreMaskedAndCurlCopiesNoneOfThem() {
        assertThat(Bodies.redacted("Referer", "https://shop.example/webhooks/zbd?token=T0p&x=1"))
                .isEqualTo("https://shop.example/webhooks/zbd?token=***&x=1");
        assertThat(Bodies.redacted("X-Webhook-Key", "k")).isEqualTo("(redacted)");
        assertThat(Bodies.redacted("User-Agent", "zbd/1.0")).isEqualTo("zbd/1.0");

        dev.ramphook.store.StoredEvent stored = new dev.ramphook.store.StoredEvent("zbd", "k", "E", "/webhooks/zbd",
                "{}".getBytes(StandardCharsets.UTF_8), Map.of("X-Original-URL", List.of("/webhooks/zbd?token=T0p"),
                        "Api_Key", List.of("K3y"), "X-Auth", List.of("A7h"), "Content-Type",
                        List.of("application/json")), Instant.EPOCH, 1, java.util.Set.of(), null);
        String curl = Bodies.curl(stored);
        assertThat(curl).contains("X-Original-URL: /webhooks/zbd?token=***").contains("Content-Type: application/json")
                .doesNotContain("T0p").doesNotContain("K3y").doesNotContain("A7h");
    }

    @Test
    void aHandlersErrorMessageIsMasked() {
        assertThat(Bodies.error("POST https://ledger.example/tx?access_token=s3cr3t failed: 401")).isEqualTo(
                "POST https://ledger.example/tx?access_token=*** failed: 401");
        assertThat(Bodies.error(null)).isNull();
    }
}
