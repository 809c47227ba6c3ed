package dev.ramphook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.crash.JdkHttpAdapter;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.zbd.ZbdRamp;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test kit over real HTTP: a signed sample posted to a running JDK HTTP server with the receiver. */
class SignedDeliveryHttpTest {

    private WebhookReceiver receiver;
    private JdkHttpAdapter http;
    private URI origin;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), "zbd-token")
                .endpoint("/webhooks/mecash", MeCash.provider(), "mecash-secret")
                .build();
        http = JdkHttpAdapter.serve(receiver, 0);
        origin = URI.create("http://127.0.0.1:" + http.port());
    }

    @AfterEach
    void stop() {
        http.close();
        receiver.close();
    }

    @Test
    void aSignedSamplePostedTwiceIsAcceptedThenADuplicate() throws Exception {
        SignedDelivery payout = Samples.find("mecash", "ramp.payout.completed").signed("/webhooks/mecash",
                "mecash-secret");

        HttpResponse<String> first = payout.post(origin);
        HttpResponse<String> again = payout.post(origin);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"status\":\"accepted\"}");
        assertThat(again.body()).isEqualTo("{\"status\":\"duplicate\"}");
    }

    @Test
    void aUrlTokenTravelsInTheQueryAndAWrongOneIsRefused() throws Exception {
        Sample settled = Samples.find("zbd", "PAYMENT.SETTLED");

        HttpResponse<String> accepted = settled.signed("/webhooks/zbd", "zbd-token").post(origin);
        HttpResponse<String> refused = settled.signed("/webhooks/zbd", "guess").post(origin);

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("wrong URL token");
    }
}
