package dev.ramphook.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.Authenticator;
import dev.ramphook.DeliveryListener;
import dev.ramphook.testing.http.EchoProvider;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Every callback of the filter's non-blocking body read, with Mockito doubles of the servlet streams, the async
 * context and the response: the paths a real container reaches only by accident (a broken chunk, a half-closed
 * socket, a container call that throws, a deadline that fires while the container reports an error). Whatever
 * happens, the exchange gets exactly one answer, it is never a 2xx unless the event was received, and the exchange is
 * completed once.
 */
class BodyReadTest {

    private static final String EVENT = "{\"event\":\"echo.sent\",\"id\":\"k1\",\"data\":{\"n\":1}}";
    private static final long RESERVED = 100;

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<DeliveryListener.Delivery> deliveries = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;

    private final HttpServletRequest http = mock(HttpServletRequest.class);
    private final HttpServletResponse out = mock(HttpServletResponse.class);
    private final AsyncContext async = mock(AsyncContext.class);
    private final ServletInputStream in = mock(ServletInputStream.class);
    private final ScheduledExecutorService timer = mock(ScheduledExecutorService.class);
    @SuppressWarnings("unchecked")
    private final ScheduledFuture<Object> deadlineFuture = mock(ScheduledFuture.class);
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private ReadListener listener;
    private Runnable deadline;

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    /** Starts a read of a delivery to the echo endpoint over the doubles; the listener and deadline are captured. */
    private void start(Duration bodyReadTimeout) throws IOException {
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/echo", new EchoProvider(), Authenticator.none())
                .on("*", (event, context) -> handled.add(event.key()))
                .maxBodyBytes(1024)
                .bodyReadTimeout(bodyReadTimeout)
                .build();
        receiver.addListener(new DeliveryListener() {
            @Override
            public void delivered(Delivery delivery) {
                deliveries.add(delivery);
            }
        });
        when(http.startAsync(http, out)).thenReturn(async);
        when(http.getInputStream()).thenReturn(in);
        when(http.getRequestURI()).thenReturn("/webhooks/echo");
        when(http.getContextPath()).thenReturn("");
        when(out.getOutputStream()).thenReturn(new Capture(written));
        doAnswer(call -> deadlineFuture).when(timer).schedule(any(Runnable.class), anyLong(), any(TimeUnit.class));

        WebhookRequest.Builder request = WebhookRequest.builder().method("POST").path("/webhooks/echo")
                .header("Content-Type", "application/json");
        assertThat(receiver.reserveBody(RESERVED)).isTrue(); // as the filter does first
        BodyRead.start(receiver, receiver.screenHead(request.build()), http, out, timer, RESERVED);

        ArgumentCaptor<ReadListener> listenerCaptor = ArgumentCaptor.forClass(ReadListener.class);
        verify(in).setReadListener(listenerCaptor.capture());
        listener = listenerCaptor.getValue();
        ArgumentCaptor<Runnable> deadlineCaptor = ArgumentCaptor.forClass(Runnable.class);
        verify(timer).schedule(deadlineCaptor.capture(), anyLong(), any(TimeUnit.class));
        deadline = deadlineCaptor.getValue();
    }

    private void start() throws IOException {
        start(Duration.ofSeconds(10));
    }

    /** The stream holds {@code bytes} now, and then nothing more for the moment (isReady false). */
    private void available(String bytes) throws IOException {
        byte[] data = bytes.getBytes(StandardCharsets.UTF_8);
        when(in.isReady()).thenReturn(true, false);
        when(in.read(any(byte[].class), anyInt(), anyInt())).thenAnswer(call -> {
            byte[] into = call.getArgument(0);
            int off = call.getArgument(1);
            System.arraycopy(data, 0, into, off, data.length);
            return data.length;
        });
    }

    private String body() {
        return written.toString(StandardCharsets.UTF_8);
    }

    /** The one answer: a single status set, this one, and the exchange completed once. */
    private void assertAnsweredOnce(int status) {
        ArgumentCaptor<Integer> statuses = ArgumentCaptor.forClass(Integer.class);
        verify(out, atLeastOnce()).setStatus(statuses.capture());
        assertThat(statuses.getAllValues()).containsExactly(status);
        verify(async, times(1)).complete();
        assertThat(receiver.bodyBytesInFlight()).as("reservation given back").isZero();
    }

    @Test
    void allDataReadIsReceivedAnswered200AndHandled() throws IOException {
        start();
        available(EVENT);

        listener.onDataAvailable();
        listener.onAllDataRead();

        assertAnsweredOnce(200);
        assertThat(body()).contains("accepted");
        assertThat(handled).containsExactly("k1");
        verify(deadlineFuture).cancel(false);
    }

    @Test
    void onErrorBeforeAnyDataIs400WithJsonConnectionCloseAndABodyIncompleteReport() throws IOException {
        // Before the fix: no status, no body, async.complete(): the container sent an empty 200.
        start();

        listener.onError(new EOFException("early EOF"));

        assertAnsweredOnce(400);
        verify(out).setHeader("Connection", "close");
        assertThat(body()).isEqualTo("{\"status\":\"rejected\",\"error\":\"body could not be read completely\"}");
        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeliveryListener.Reason.BODY_INCOMPLETE);
            assertThat(d.status()).isEqualTo(400);
            assertThat(d.endpoint()).isEqualTo("/webhooks/echo");
        });
        assertThat(handled).isEmpty();
        verify(deadlineFuture).cancel(false);
    }

    @Test
    void onErrorAfterSomeDataIs400AndNothingIsHandled() throws IOException {
        start();
        available(EVENT.substring(0, 20));
        listener.onDataAvailable();

        listener.onError(new IOException("bad chunk length"));

        assertAnsweredOnce(400);
        assertThat(body()).contains("body could not be read completely");
        assertThat(handled).isEmpty();
        assertThat(deliveries).extracting(DeliveryListener.Delivery::reason)
                .containsExactly(DeliveryListener.Reason.BODY_INCOMPLETE);
    }

    @Test
    void onAllDataReadAfterAFailureAnswersNothingMoreAndHandlesNothing() throws IOException {
        start();
        available(EVENT);
        listener.onDataAvailable();
        listener.onError(new IOException("reset"));

        listener.onAllDataRead();

        assertAnsweredOnce(400);
        assertThat(handled).isEmpty();
        assertThat(deliveries).hasSize(1);
    }

    @Test
    void aReadThatThrowsIsAnswered400AndTheContainersLaterOnErrorAddsNothing() throws IOException {
        start();
        when(in.isReady()).thenReturn(true);
        when(in.read(any(byte[].class), anyInt(), anyInt())).thenThrow(new IOException("Invalid chunk header"));

        listener.onDataAvailable();
        listener.onError(new IOException("Invalid chunk header"));

        assertAnsweredOnce(400);
        verify(out).setHeader("Connection", "close");
        assertThat(deliveries).hasSize(1);
    }

    @Test
    void isReadyThatThrowsIsAnswered400() throws IOException {
        start();
        when(in.isReady()).thenThrow(new IllegalStateException("stream closed"));

        assertThatNoException().isThrownBy(listener::onDataAvailable);

        assertAnsweredOnce(400);
        assertThat(handled).isEmpty();
    }

    @Test
    void onErrorAfterTheDeadlinePassedIs408() throws Exception {
        start(Duration.ofMillis(1));
        Thread.sleep(5); // the deadline has passed; its timer task has not run yet

        listener.onError(new IOException("idle timeout"));

        assertAnsweredOnce(408);
        assertThat(deliveries).extracting(DeliveryListener.Delivery::reason)
                .containsExactly(DeliveryListener.Reason.BODY_TIMEOUT);
    }

    @Test
    void deadlineThenOnErrorIsOne408() throws IOException {
        start();

        deadline.run();
        listener.onError(new IOException("closed"));

        assertAnsweredOnce(408);
        verify(out).setHeader("Connection", "close");
        assertThat(deliveries).hasSize(1);
    }

    @Test
    void deadlineFiringConcurrentlyWithOnErrorGivesExactlyOneAnswer() throws Exception {
        start();
        CyclicBarrier together = new CyclicBarrier(2);
        Thread timerThread = new Thread(() -> {
            await(together);
            deadline.run();
        });
        timerThread.start();
        await(together);
        listener.onError(new IOException("closed"));
        timerThread.join(10_000);

        ArgumentCaptor<Integer> statuses = ArgumentCaptor.forClass(Integer.class);
        verify(out).setStatus(statuses.capture());
        assertThat(statuses.getValue()).isIn(400, 408);
        verify(async, times(1)).complete();
        assertThat(deliveries).hasSize(1);
        assertThat(receiver.bodyBytesInFlight()).isZero(); // given back once, not twice
    }

    @Test
    void aResponseThatCannotBeWrittenStillCarriesItsErrorStatusAndTheExchangeEnds() throws IOException {
        start();
        when(out.getOutputStream()).thenThrow(new IOException("broken pipe"));

        listener.onError(new IOException("reset"));

        assertAnsweredOnce(400); // set before the write: what the container completes with is not a 200
        verify(async).complete();
    }

    @Test
    void aContainerCallThatThrowsAfterTheAnswerIsA500NotAnEmpty200() throws IOException {
        start();
        doThrow(new IllegalStateException("response closed")).when(out).setContentType(any());
        available(EVENT);
        listener.onDataAvailable();

        assertThatNoException().isThrownBy(listener::onAllDataRead);

        ArgumentCaptor<Integer> statuses = ArgumentCaptor.forClass(Integer.class);
        verify(out, atLeastOnce()).setStatus(statuses.capture());
        assertThat(statuses.getAllValues()).last().isEqualTo(500); // received: the provider's retry is a duplicate
        verify(out).reset();
        verify(async).complete();
        assertThat(receiver.bodyBytesInFlight()).isZero();
    }

    @Test
    void anErrorBeforeTheReceiverAnsweredIs503WithRetryAfter() throws IOException {
        start();
        receiver.addListener(new DeliveryListener() {
            @Override
            public void delivered(Delivery delivery) {
                throw new OutOfMemoryError("simulated");
            }
        });

        assertThatNoException().isThrownBy(() -> listener.onError(new IOException("reset")));

        ArgumentCaptor<Integer> statuses = ArgumentCaptor.forClass(Integer.class);
        verify(out, atLeastOnce()).setStatus(statuses.capture());
        assertThat(statuses.getAllValues()).containsExactly(503);
        verify(out).setHeader("Retry-After", "30");
        assertThat(body()).contains("\"status\":\"unavailable\"");
        verify(async).complete();
    }

    @Test
    void aCommittedResponseIsNeitherResetNorRewrittenAndTheExchangeEnds() throws IOException {
        start();
        when(out.isCommitted()).thenReturn(true);
        doThrow(new IllegalStateException("committed")).when(out).setContentType(any());

        listener.onError(new IOException("reset"));

        verify(out, never()).reset();
        verify(out, never()).setStatus(eq(200));
        verify(async).complete();
    }

    @Test
    void aCompleteThatThrowsDoesNotEscape() throws IOException {
        start();
        doThrow(new IllegalStateException("already completed")).when(async).complete();

        assertThatNoException().isThrownBy(() -> listener.onError(new IOException("reset")));

        assertAnsweredOnce(400);
    }

    @Test
    void aListenerThatCannotBeSetIsAnswered503AndTheExchangeCompleted() throws IOException {
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/echo", new EchoProvider(), Authenticator.none()).build();
        when(http.startAsync(http, out)).thenReturn(async);
        when(http.getInputStream()).thenReturn(in);
        when(http.getRequestURI()).thenReturn("/webhooks/echo");
        when(out.getOutputStream()).thenReturn(new Capture(written));
        doThrow(new IllegalStateException("not async")).when(in).setReadListener(any());

        receiver.reserveBody(RESERVED);
        BodyRead.start(receiver, receiver.screenHead(WebhookRequest.builder().method("POST").path("/webhooks/echo")
                .build()), http, out, timer, RESERVED);

        verify(out).setStatus(503);
        assertThat(receiver.bodyBytesInFlight()).isZero();
        verify(async).complete();
        verify(timer, never()).schedule(any(Runnable.class), anyLong(), any(TimeUnit.class));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The response body, as written. */
    private static final class Capture extends ServletOutputStream {
        private final ByteArrayOutputStream bytes;
        private final AtomicInteger writes = new AtomicInteger();

        Capture(ByteArrayOutputStream bytes) {
            this.bytes = bytes;
        }

        @Override
        public void write(int b) {
            writes.incrementAndGet();
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.incrementAndGet();
            bytes.write(b, off, len);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            throw new UnsupportedOperationException();
        }
    }
}
