package dev.ramphook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample catalog: every documented sample of every provider on the class path (the built-in ones and the
 * README's outside provider) goes through receive() to a typed handler, signed by the test kit with the provider's
 * default authentication, is a duplicate the second time, and is refused with 401 when forged.
 */
class SamplesTest {

    private static final String SECRET = "catalog-secret";

    /** Records the data of every event. */
    public static class Received {
        final List<WebhookEvent<?>> events = new ArrayList<>();

        @OnEvent("*")
        void any(WebhookEvent<?> event) {
            events.add(event);
        }
    }

    static Stream<Sample> everySample() {
        return Samples.all().values().stream().flatMap(List::stream);
    }

    @Test
    void theCatalogHoldsEveryDocumentedSampleWithItsSourcePage() {
        assertThat(Samples.of("zbd")).hasSize(17).allSatisfy(sample ->
                assertThat(sample.source()).isEqualTo("https://docs.zbdpay.com/payments/ramp/webhooks"));
        assertThat(Samples.of("mecash")).extracting(Sample::event)
                .containsExactly("ramp.payout.completed", "ramp.payout.completed");
        assertThat(Samples.all()).containsKeys("zbd", "mecash", "acme");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySample")
    void everySampleArrivesTypedThenAsADuplicateAndForgedIsRefused(Sample sample) {
        Received received = new Received();
        String path = "/webhooks/" + sample.provider().id();
        try (WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint(path, sample.provider(), SECRET).handlers(received).build()) {
            SignedDelivery delivery = sample.signed(path, SECRET);
            SignedDelivery forged = sample.signed(path, "not-" + SECRET);

            WebhookResponse first = receiver.receive(delivery.request());
            WebhookResponse again = receiver.receive(delivery.request());
            WebhookResponse refused = receiver.receive(forged.request());

            assertThat(first.bodyText()).isEqualTo("{\"status\":\"accepted\"}");
            assertThat(again.bodyText()).isEqualTo("{\"status\":\"duplicate\"}");
            assertThat(refused.status()).isEqualTo(401);
            Class<?> type = sample.provider().eventTypes().get(sample.event());
            assertThat(received.events).singleElement().satisfies(event -> {
                assertThat(event.name()).isEqualTo(sample.event());
                assertThat(event.data()).isNotInstanceOf(JsonNode.class).isInstanceOf(type);
            });
        }
    }

    @Test
    void aSampleIsFoundByItsNameOrShortName() {
        assertThat(Samples.find("zbd", "PAYMENT.SETTLED").file()).isEqualTo("payment-settled.json");
        assertThat(Samples.find("zbd", "RAMP_WIDGET.V1.PAYMENT.SETTLED").file()).isEqualTo("payment-settled.json");
        assertThat(Samples.find("mecash", "ramp.payout.completed").file())
                .isEqualTo("ramp-payout-completed-off-ramp.json");
    }

    @Test
    void anUnknownProviderOrEventListsTheChoices() {
        assertThatThrownBy(() -> Samples.find("moonpie", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown provider moonpie; choose one of ").hasMessageContaining("mecash");
        assertThatThrownBy(() -> Samples.find("mecash", "ramp.payout.lost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("provider mecash has no sample of event ramp.payout.lost; choose one of"
                        + " ramp.payout.completed");
    }

    @Test
    void aSampleIsTheDocumentedBytesAndSigningKeepsThem() {
        Sample sample = Samples.find("acme", "order.completed");
        SignedDelivery delivery = sample.signed("/webhooks/acme", SECRET);
        WebhookRequest request = delivery.request();

        assertThat(delivery.body()).isEqualTo(sample.body());
        assertThat(sample.text()).startsWith("{\"id\":\"evt_1\"");
        assertThat(request.header("X-Acme-Signature")).isPresent();
        assertThat(delivery.toString()).doesNotContain(request.header("X-Acme-Signature").get());
    }
}
