package dev.ramphook.opentelemetry;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.Authenticator;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.ShopProvider;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A queued handler deaf to its timeout's interrupt costs its worker thread (another takes its place); when it
 * finally returns, its run's span still ends, as a timed-out run, rather than staying open for ever.
 */
class AbandonedHandlerSpanTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private WebhookReceiver receiver;

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void theSpanOfAHandlerThatReturnsAfterItsThreadWasGivenUpOnEndsAsTimedOut() throws InterruptedException {
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        CountDownLatch letGo = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> {
                    if (event.key().endsWith(":stuck")) {
                        started.countDown();
                        while (letGo.getCount() > 0) { // deaf to interrupts
                            try {
                                letGo.await();
                            } catch (InterruptedException ignored) {
                                // a badly written handler
                            }
                        }
                    }
                })
                .store(EventStore.inMemory())
                .queued().workers(1)
                .handlerTimeout(Duration.ofMillis(200))
                .pollInterval(Duration.ofMillis(20))
                .shutdownTimeout(Duration.ofMillis(500))
                .listener(RamphookTracing.of(otel))
                .build();

        assertThat(receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "stuck"))).status())
                .isEqualTo(200);
        // Sent once the stuck run has started: an event claimed in the same batch would wait for its lease instead.
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "after"))).status())
                .isEqualTo(200);
        // The only worker is stuck: the one that takes its place handles the next event, and its span ends.
        await().atMost(10, TimeUnit.SECONDS).until(() -> processSpans() == 1);

        letGo.countDown(); // the stuck run returns now, on the thread that was given up on
        await().atMost(10, TimeUnit.SECONDS).until(() -> processSpans() == 2);
        assertThat(spans.getFinishedSpanItems()).filteredOn(s -> s.getKind() == SpanKind.CONSUMER
                && s.getStatus().getStatusCode() == StatusCode.ERROR).singleElement()
                .extracting(s -> s.getStatus().getDescription()).isEqualTo("timed_out");
    }

    private long processSpans() {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CONSUMER).count();
    }
}
