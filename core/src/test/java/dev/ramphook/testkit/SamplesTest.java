package dev.ramphook.testkit;

import static dev.ramphook.testing.Samples.altered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.internal.json.Json;
import dev.ramphook.transak.Transak;
import java.nio.charset.StandardCharsets;
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
        assertThat(Samples.all()).containsKeys("zbd", "mecash", "moonpay", "transak", "rampnetwork", "revolut",
                "onramper", "acme");
        assertThat(Samples.all().values().stream().flatMap(List::stream).filter(Sample::isConstructed))
                .isNotEmpty().allSatisfy(sample -> assertThat(sample.source()).startsWith("constructed from https://"));
        assertThat(Samples.of("zbd")).noneMatch(Sample::isConstructed);
    }

    /** Ramp Network verifies with the sender's public key: its samples are signed with a test key pair. */
    private static final TestKeyPair RAMP = TestKeyPair.rampNetwork();

    private static boolean signedWithKeyPair(Sample sample) {
        return sample.provider().id().equals("rampnetwork");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySample")
    void everySampleArrivesTypedThenAsADuplicateAndForgedOrAlteredIsRefused(Sample sample) {
        Received received = new Received();
        String path = "/webhooks/" + sample.provider().id();
        boolean keyPair = signedWithKeyPair(sample);
        try (WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint(path, sample.provider(), keyPair ? RAMP.publicKey() : SECRET).handlers(received).build()) {
            SignedDelivery delivery = keyPair ? sample.signed(path, RAMP) : sample.signed(path, SECRET);
            SignedDelivery forged = keyPair ? sample.signed(path, TestKeyPair.rampNetwork())
                    : sample.signed(path, "not-" + SECRET);
            WebhookRequest altered = delivery.request().toBuilder().body(altered(delivery.body())).build();

            WebhookResponse first = receiver.receive(delivery.request());
            WebhookResponse again = receiver.receive(delivery.request());
            WebhookResponse refused = receiver.receive(forged.request());
            // ZBD signs nothing (its token is in the URL, not over the body): an altered body is not its to catch
            boolean signsBody = !sample.provider().id().equals("zbd");
            WebhookResponse alteredRefused = signsBody ? receiver.receive(altered) : null;

            assertThat(first.bodyText()).isEqualTo("{\"status\":\"accepted\"}");
            assertThat(again.bodyText()).isEqualTo("{\"status\":\"duplicate\"}");
            assertThat(refused.status()).isEqualTo(401);
            if (signsBody) {
                assertThat(alteredRefused.status()).isEqualTo(401);
            }
            Class<?> type = sample.provider().eventTypes().get(sample.event());
            assertThat(received.events).singleElement().satisfies(event -> {
                assertThat(event.name()).isEqualTo(sample.event());
                assertThat(event.data()).isNotInstanceOf(JsonNode.class).isInstanceOf(type);
            });
        }
    }

    @Test
    void transakIsSignedInTheBodyTheCatalogTokenKeepsItsClaimsAndPlainClaimsBecomeTheEnvelope() throws Exception {
        Sample completed = Samples.find("transak", "ORDER_COMPLETED");
        String token = completed.text().replaceAll("(?s).*\"data\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        String resigned = new String(completed.signed("/webhooks/transak", SECRET).body(), StandardCharsets.UTF_8);
        String claims = "{\"webhookData\":{\"id\":\"ord-1\",\"status\":\"COMPLETED\"},\"eventID\":\"ORDER_COMPLETED\"}";
        SignedDelivery fromClaims = SignedDelivery.of("/webhooks/transak", claims, Transak.signature(SECRET));

        assertThat(resigned).startsWith(completed.text().substring(0, completed.text().indexOf(token)))
                .contains(token.substring(0, token.lastIndexOf('.') + 1)).doesNotContain(token);
        assertThat(new String(fromClaims.body(), StandardCharsets.UTF_8)).startsWith("{\"data\":\"eyJ");
        assertThat(Transak.signature(SECRET).verify(fromClaims.request(), fromClaims.body()).isOk()).isTrue();
        assertThat(Transak.provider().parse(Json.parseObject(fromClaims.body()), fromClaims.body()).name())
                .isEqualTo("ORDER_COMPLETED");
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
