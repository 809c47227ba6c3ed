package dev.ramphook.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.internal.json.Json;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.moonpay.MoonPay;
import dev.ramphook.onramper.Onramper;
import dev.ramphook.rampnetwork.RampNetwork;
import dev.ramphook.revolut.RevolutRamp;
import dev.ramphook.transak.Transak;
import dev.ramphook.zbd.ZbdRamp;

/**
 * Each built-in provider's parser over any JSON object the receiver's reader accepts: it returns a complete event
 * or refuses with {@link InvalidPayloadException}; nothing else may escape. Seeds: every documented payload (copied in
 * by the build from {@code src/test/resources/payloads/}, see core's pom) and the parser edge cases kept here.
 */
class ProviderParseFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void zbd(byte[] body) {
        parse(ZbdRamp.provider(), body);
    }

    @FuzzTest(maxDuration = "5m")
    void meCash(byte[] body) {
        parse(MeCash.provider(), body);
    }

    @FuzzTest(maxDuration = "5m")
    void moonPay(byte[] body) {
        parse(MoonPay.provider(), body);
    }

    @FuzzTest(maxDuration = "5m")
    void transak(byte[] body) {
        parse(Transak.provider(), body);
    }

    @FuzzTest(maxDuration = "5m")
    void rampNetwork(byte[] body) {
        parse(RampNetwork.provider(), body);
    }

    @FuzzTest(maxDuration = "5m")
    void revolut(byte[] body) {
        parse(RevolutRamp.provider(), body);
    }

    @FuzzTest(maxDuration = "5m")
    void onramper(byte[] body) {
        parse(Onramper.provider(), body);
    }

    private static void parse(Provider provider, byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        ObjectNode json;
        try {
            json = Json.parseObject(bytes);
        } catch (InvalidPayloadException notAnObject) {
            return; // the receiver answers 400 before any provider sees it
        }
        WebhookEvent<?> event;
        try {
            event = provider.parse(json, bytes);
        } catch (InvalidPayloadException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(event.provider()).isEqualTo(provider.id());
        assertThat(event.name()).isNotBlank();
        assertThat(event.shortName()).isNotEmpty();
        assertThat(event.key()).isNotBlank().hasSizeLessThanOrEqualTo(256);
        assertThat(event.data()).isNotNull();
        assertThat(event.toString()).isNotBlank();
    }
}
