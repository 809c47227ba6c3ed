package dev.ramphook.internal.engine;

import static dev.ramphook.testing.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ramphook.DeliveryListener;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.Authenticator;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.DeliveryListener.AttemptResult;
import dev.ramphook.DeliveryListener.Delivery;
import dev.ramphook.DeliveryListener.Outcome;
import dev.ramphook.DeliveryListener.Reason;
import dev.ramphook.DeliveryListener.RunOutcome;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.ShopProvider;
import dev.ramphook.testing.Stores;
import dev.ramphook.testing.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine reports every delivery outcome, handler run, attempt and store call; observers never break it. */
class ObserverTest {

    private static final String PAID = ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1");

    private final RecordingListener seen = new RecordingListener();
    private final AtomicBoolean failHandler = new AtomicBoolean();
    private WebhookReceiver receiver;

    private WebhookReceiver receiver(Authenticator auth, EventStore store) {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), auth)
                .on("*", (event, ctx) -> {
                    if (failHandler.get()) {
                        throw new IllegalStateException("handler down");
                    }
                })
                .store(store)
                .inline()
                .maxBodyBytes(1024)
                .build();
        receiver.addListener(seen);
        return receiver;
    }

    private WebhookReceiver receiver() {
        return receiver(Authenticator.none(), EventStore.inMemory());
    }

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void acceptedDeliveryIsReportedWithWhereItCameFromAndItsSize() {
        receiver().receive(post("/hooks/shop", PAID));

        assertThat(seen.deliveries).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Reason.ACCEPTED);
            assertThat(d.reason().outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(d.status()).isEqualTo(200);
            assertThat(d.endpoint()).isEqualTo("/hooks/shop");
            assertThat(d.provider()).isEqualTo("shop");
            assertThat(d.event()).isEqualTo("SHOP.V1.ORDER.PAID");
            assertThat(d.key()).isEqualTo("SHOP.V1.ORDER.PAID:o-1");
            assertThat(d.bodyBytes()).isEqualTo(PAID.getBytes(StandardCharsets.UTF_8).length);
            assertThat(d.nanos()).isPositive();
            assertThat(d.detail()).isNull();
            assertThat(d.remoteAddress()).isEqualTo("127.0.0.1");
        });
        assertThat(seen.runs).singleElement().satisfies(r -> {
            assertThat(r.handler()).isEqualTo("on[0]:*");
            assertThat(r.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
            assertThat(r.attempt()).isEqualTo(1);
        });
        assertThat(seen.attempts).singleElement()
                .satisfies(a -> assertThat(a.result()).isEqualTo(AttemptResult.HANDLED));
        assertThat(seen.storeCalls).extracting(DeliveryListener.StoreCall::operation)
                .contains("record", "complete");
        assertThat(seen.storeCalls).noneMatch(DeliveryListener.StoreCall::failed);
    }

    /**
     * The in-memory store records a new event claimed for the request that delivered it (its hand-off): two store
     * calls per inline delivery, each one lock, where a claim after the record took a third (and its look-ups).
     * A redelivery of an event that failed finds it recorded, unclaimed, and claims it as before.
     */
    @Test
    void anInlineDeliveryOfANewEventRecordsItClaimedAndCompletesIt() {
        failHandler.set(true);
        receiver().receive(post("/hooks/shop", PAID));
        java.util.List<String> first = operations();
        seen.storeCalls.clear();
        failHandler.set(false);
        receiver.receive(post("/hooks/shop", PAID));

        assertThat(first).containsExactly("record", "fail");
        assertThat(operations()).containsExactly("record", "claim", "complete");
        seen.storeCalls.clear();
        receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "o-2")));
        assertThat(operations()).containsExactly("record", "complete");
        assertThat(seen.deliveries).extracting(Delivery::reason)
                .containsExactly(Reason.HANDLER_FAILED, Reason.ACCEPTED, Reason.ACCEPTED);
        assertThat(seen.attempts).extracting(DeliveryListener.AttemptEnd::attempt).containsExactly(1, 2, 1);
    }

    /** The store calls seen, without the renewal timer's (its beat is not part of a delivery). */
    private java.util.List<String> operations() {
        return seen.storeCalls.stream().map(DeliveryListener.StoreCall::operation).filter(o -> !o.equals("renew"))
                .toList();
    }

    @Test
    void secondCopyIsADuplicate() {
        receiver().receive(post("/hooks/shop", PAID));
        receiver.receive(post("/hooks/shop", PAID));

        assertThat(seen.deliveries).extracting(Delivery::reason).containsExactly(Reason.ACCEPTED, Reason.DUPLICATE);
    }

    @Test
    void refusalsCarryTheirStatusAndStableCode() {
        receiver(HmacSignature.sha256Hex("X-Signature", "secret"), EventStore.inMemory());

        receiver.receive(WebhookRequest.builder().method("GET").path("/hooks/shop").build());
        receiver.receive(post("/hooks/shop", PAID)); // no signature
        receiver.receive(post("/hooks/other", PAID));

        assertThat(seen.deliveries).extracting(Delivery::reason, Delivery::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Reason.METHOD_NOT_ALLOWED, 405),
                org.assertj.core.groups.Tuple.tuple(Reason.NOT_AUTHENTICATED, 401),
                org.assertj.core.groups.Tuple.tuple(Reason.NO_ENDPOINT, 404));
        assertThat(seen.deliveries).allSatisfy(d -> {
            assertThat(d.reason().outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(d.detail()).isNotBlank();
            assertThat(d.bodyBytes()).isEqualTo(-1);
        });
        assertThat(seen.deliveries.get(2).endpoint()).isNull();
    }

    @Test
    void invalidPayloadIsRefusedAfterTheBodyWasRead() {
        receiver().receive(post("/hooks/shop", "[1,2]"));

        assertThat(seen.deliveries).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Reason.INVALID_PAYLOAD);
            assertThat(d.status()).isEqualTo(400);
            assertThat(d.bodyBytes()).isEqualTo(5);
        });
    }

    @Test
    void refusalBeforeTheBodyIsReportedOnceByScreen() {
        receiver().screen(WebhookRequest.builder().method("POST").path("/hooks/shop")
                .header("Content-Type", "text/plain").build());
        receiver.screen(WebhookRequest.builder().method("POST").path("/hooks/shop")
                .header("Content-Type", "application/json").build()); // passes: not a delivery yet

        assertThat(seen.deliveries).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Reason.UNSUPPORTED_MEDIA_TYPE);
            assertThat(d.status()).isEqualTo(415);
            assertThat(d.endpoint()).isEqualTo("/hooks/shop");
        });
    }

    @Test
    void bodyReadTimeoutIsReported() {
        receiver().bodyTimedOut(WebhookRequest.builder().method("POST").path("/hooks/shop").build());

        assertThat(seen.deliveries).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Reason.BODY_TIMEOUT);
            assertThat(d.status()).isEqualTo(408);
        });
    }

    @Test
    void failingHandlerIsReportedAsAFailedRunAndARetry() {
        failHandler.set(true);
        receiver().receive(post("/hooks/shop", PAID));

        assertThat(seen.deliveries).extracting(Delivery::reason).containsExactly(Reason.HANDLER_FAILED);
        assertThat(seen.runs).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(RunOutcome.FAILED));
        assertThat(seen.attempts).singleElement().satisfies(a -> {
            assertThat(a.result()).isEqualTo(AttemptResult.RETRY);
            assertThat(a.error()).contains("handler down");
        });
    }

    /**
     * A run is timed only when someone observes as it starts (no clock reading for nobody, as for a delivery): a
     * listener added while a handler runs hears that run with no duration, and the next ones timed.
     */
    @Test
    void listenerAddedWhileAHandlerRunsHearsThatRunUntimed() {
        RecordingListener late = new RecordingListener();
        AtomicBoolean added = new AtomicBoolean();
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, ctx) -> {
                    if (added.compareAndSet(false, true)) {
                        receiver.addListener(late);
                    }
                })
                .inline()
                .build();

        receiver.receive(post("/hooks/shop", PAID));
        receiver.receive(post("/hooks/shop", ShopProvider.body("SHOP.V1.ORDER.PAID", "o-2")));

        assertThat(late.runs).hasSize(2);
        assertThat(late.runs.get(0).nanos()).as("the run that started unobserved").isZero();
        assertThat(late.runs.get(1).key()).isEqualTo("SHOP.V1.ORDER.PAID:o-2");
    }

    @Test
    void aRecordPastTheRecordTimeoutIsReportedWithItsOwnReason() throws Exception {
        java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
        EventStore memory = EventStore.inMemory();
        EventStore slow = (EventStore) java.lang.reflect.Proxy.newProxyInstance(EventStore.class.getClassLoader(),
                new Class<?>[] {EventStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("durable")) {
                        return true; // a database: its calls are bounded
                    }
                    if (method.getName().equals("record")) {
                        commit.await();
                    }
                    return method.invoke(memory, args);
                });
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, ctx) -> { })
                .store(slow)
                .inline()
                .recordTimeout(java.time.Duration.ofMillis(200))
                .build();
        receiver.addListener(seen);
        try {
            assertThat(receiver.receive(post("/hooks/shop", PAID)).status()).isEqualTo(503);
        } finally {
            commit.countDown();
        }

        assertThat(seen.deliveries).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Reason.STORE_TIMEOUT);
            assertThat(d.reason().code()).isEqualTo("store_timeout");
            assertThat(d.reason().outcome()).isEqualTo(Outcome.UNAVAILABLE);
            assertThat(d.status()).isEqualTo(503);
        });
    }

    @Test
    void storeThatCannotRecordIsReportedUnavailableAndAFailedStoreCall() {
        receiver(Authenticator.none(), Stores.down()).receive(post("/hooks/shop", PAID));

        assertThat(seen.deliveries).extracting(Delivery::reason).containsExactly(Reason.STORE_UNAVAILABLE);
        assertThat(seen.deliveries.get(0).reason().outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(seen.storeCalls).anySatisfy(c -> {
            assertThat(c.operation()).isEqualTo("record");
            assertThat(c.failed()).isTrue();
        });
    }

    @Test
    void closedReceiverReportsShuttingDown() {
        receiver().close();
        receiver.receive(post("/hooks/shop", PAID));

        assertThat(seen.deliveries).extracting(Delivery::reason).containsExactly(Reason.SHUTTING_DOWN);
    }

    @Test
    void throwingObserverBreaksNothingAndOthersStillHearEverything() {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, ctx) -> { })
                .queued().workers(1)
                .build();
        WebhookReceiver engine = receiver; // its public listeners and body budget
        engine.addListener(new DeliveryListener() {
            @Override
            public void delivered(Delivery delivery) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void handlerRan(HandlerRun run) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void attemptEnded(AttemptEnd end) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void storeCalled(StoreCall call) {
                throw new IllegalStateException("observer bug");
            }
        });
        engine.addListener(seen);

        assertThat(receiver.receive(post("/hooks/shop", PAID)).status()).isEqualTo(200);

        await().until(() -> seen.attempts.size() == 1);
        assertThat(seen.attempts.get(0).result()).isEqualTo(AttemptResult.HANDLED);
        assertThat(seen.deliveries).extracting(Delivery::reason).containsExactly(Reason.ACCEPTED);
        assertThat(seen.runs).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(RunOutcome.SUCCEEDED));
    }
}
