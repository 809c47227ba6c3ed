package dev.ramphook.servlet;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.internal.ApiAccess;
import dev.ramphook.internal.Logs;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * One body read without a container thread: Servlet non-blocking reads into a buffer of at most
 * {@code maxBodyBytes + 1} bytes, then {@link WebhookReceiver#receive} on the container thread that delivered the
 * last bytes (handlers run there, as in a blocking read). A body that is not complete by
 * {@link WebhookReceiver#bodyReadTimeout()} is answered 408 and the connection closed, whatever it declared: a
 * sender trickling bytes, or announcing more than it sends, holds a socket and a small buffer, never a thread.
 */
final class BodyRead implements ReadListener {

    private static final Logger log = Logs.get(BodyRead.class);
    private static final int CHUNK = 8192;

    private final WebhookReceiver receiver;
    private final WebhookRequest.Builder request;
    private final AsyncContext async;
    private final ServletInputStream in;
    private final HttpServletResponse out;
    private final ByteArrayOutputStream buffer;
    private final byte[] chunk;
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile ScheduledFuture<?> deadline;

    private BodyRead(WebhookReceiver receiver, WebhookRequest.Builder request, AsyncContext async,
                     ServletInputStream in, HttpServletResponse out) {
        this.receiver = receiver;
        this.request = request;
        this.async = async;
        this.in = in;
        this.out = out;
        int limit = receiver.maxBodyBytes() + 1;
        this.buffer = new ByteArrayOutputStream(Math.min(limit, CHUNK));
        this.chunk = new byte[Math.min(limit, CHUNK)];
    }

    /**
     * Starts reading {@code http}'s body asynchronously; the answer is written when it is complete or late.
     * {@code request} is the request without its body, which this read adds.
     */
    static void start(WebhookReceiver receiver, WebhookRequest.Builder request, HttpServletRequest http,
                      HttpServletResponse out, ScheduledExecutorService timer) throws IOException {
        AsyncContext async = http.startAsync(http, out);
        async.setTimeout(0); // our own deadline bounds the read; handlers that follow it are not cut off
        BodyRead read = new BodyRead(receiver, request, async, http.getInputStream(), out);
        read.in.setReadListener(read);
        // After the listener: a deadline that fires first must find a read to end. One that fires after the answer
        // finds it answered and does nothing.
        read.deadline = timer.schedule(read::timedOut, receiver.bodyReadTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!answered.get() && in.isReady()) {
            int room = receiver.maxBodyBytes() + 1 - buffer.size();
            int n = in.read(chunk, 0, Math.min(chunk.length, room));
            if (n < 0) {
                return; // onAllDataRead follows
            }
            buffer.write(chunk, 0, n);
            if (buffer.size() > receiver.maxBodyBytes()) {
                answer(() -> receiver.receive(body().build())); // 413, read no further
                return;
            }
        }
    }

    @Override
    public void onAllDataRead() {
        answer(() -> receiver.receive(body().build()));
    }

    /** The request with what was read: a new array of this read's own, kept without a second copy. */
    private WebhookRequest.Builder body() {
        return ApiAccess.body(request, buffer.toByteArray());
    }

    @Override
    public void onError(Throwable t) {
        // The sender hung up or the container gave up on the connection: nobody is left to read an answer.
        log.debug("body read failed: {}", t.toString());
        if (answered.compareAndSet(false, true)) {
            cancelDeadline();
            async.complete();
        }
    }

    private void timedOut() {
        answer(() -> receiver.bodyTimedOut(request.build()));
    }

    private void answer(Supplier<WebhookResponse> answer) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        cancelDeadline();
        try {
            WebhookResponse response = answer.get();
            if (response.status() == 408 || response.status() == 413) {
                out.setHeader("Connection", "close"); // the rest of the body is never read
            }
            WebhookFilter.write(out, response);
        } catch (IOException e) {
            log.debug("could not send the answer: {}", e.toString());
        } catch (RuntimeException | LinkageError e) {
            log.error("unexpected failure answering a webhook delivery", e);
            WebhookFilter.internalError(out);
        } finally {
            async.complete();
        }
    }

    private void cancelDeadline() {
        ScheduledFuture<?> pending = deadline;
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
