package dev.ramphook.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.internal.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the console shows of a body: credential-named members at any depth and credential URL parameters masked. */
class MaskingTest {

    @Test
    void membersNamedLikeACredentialAreMaskedAtAnyDepthOthersKept() throws Exception {
        JsonNode body = Json.MAPPER.readTree("{\"a\":[{\"b\":{\"clientSecret\":\"s1\",\"X-Signature\":\"s2\","
                + "\"apiKey\":\"s3\",\"password\":7,\"token\":null,\"access_token_id\":\"kept\","
                + "\"account_number\":\"12345678\",\"amount\":1.10}}]}");

        String shown = Masking.masked(body).toString();

        assertThat(shown).isEqualTo("{\"a\":[{\"b\":{\"clientSecret\":\"***\",\"X-Signature\":\"***\","
                + "\"apiKey\":\"***\",\"password\":\"***\",\"token\":null,\"access_token_id\":\"kept\","
                + "\"account_number\":\"****5678\",\"amount\":1.10}}]}");
        assertThat(body.toString()).contains("s1").contains("12345678");
    }

    @Test
    void urlParametersNamedLikeACredentialAreMaskedInAnyText() {
        assertThat(Masking.maskedParameters("see https://x.example/a?sig=abc&page=2&X-Amz-Signature=def;key=ghi"))
                .isEqualTo("see https://x.example/a?sig=***&page=2&X-Amz-Signature=***;key=***");
        assertThat(Masking.maskedParameters("no parameters here")).isEqualTo("no parameters here");
        assertThat(Masking.maskedParameters("https://x.example/?token=")).isEqualTo("https://x.example/?token=");
    }

    @Test
    void aBodyThatIsNotJsonIsMaskedAsFarAsTextAllows() {
        byte[] form = "amount=1&client_secret=abc&note=hi".getBytes(StandardCharsets.UTF_8);
        byte[] broken = "{\"access_token\": \"abc\", \"x\": \"y\\\"z\"".getBytes(StandardCharsets.UTF_8);

        assertThat(Bodies.maskedText(form)).isEqualTo("amount=1&client_secret=***&note=hi");
        assertThat(Bodies.pretty(broken)).isEqualTo("{\"access_token\": \"***\", \"x\": \"y\\\"z\"");
    }
}
