package dev.ramphook.servlet;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookResponse;
import dev.ramphook.internal.text.Logs;
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
    /** The endpoint path for log lines ({@code Engine.loggablePath}): never the request's, which may hold a token. */
    private final String endpoint;
    /** Bytes reserved of the bound on bodies in flight; given back once, when the delivery is answered. */
    private final long reserved;
    /** The head that {@link WebhookReceiver#screenHead} passed; the body read here is joined to it. */
    private final WebhookReceiver.Screening screening;
    private final AsyncContext async;
    private final ServletInputStream in;
    private final HttpServletResponse out;
    private final ByteArrayOutputStream buffer;
    private final byte[] chunk;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final long startNanos = System.nanoTime();
    private volatile ScheduledFuture<?> deadline;

    private BodyRead(WebhookReceiver receiver, WebhookReceiver.Screening screening, AsyncContext async,
                     ServletInputStream in, HttpServletResponse out, String endpoint, long reserved) {
        this.receiver = receiver;
        this.endpoint = endpoint;
        this.reserved = reserved;
        this.screening = screening;
        this.async = async;
        this.in = in;
        this.out = out;
        int limit = receiver.maxBodyBytes() + 1;
        this.buffer = new ByteArrayOutputStream(Math.min(limit, CHUNK));
        this.chunk = new byte[Math.min(limit, CHUNK)];
    }

    /**
     * Reads {@code http}'s body on the calling container thread and answers, when the container already holds all of
     * it: a declared {@code Content-Length} of at most {@code maxBodyBytes}, all of it {@code available()} before the
     * first read. Nothing here can wait on the sender, so the slow-sender guarantees hold as with {@link #start}: a
     * body still on its way (a trickle, a {@code 100-continue}, a chunked body) returns false, and the caller starts
     * the asynchronous read. Most webhook bodies arrive in the same packets as their headers: for them this skips
     * {@code startAsync}, the listener and the deadline timer (issue 21: most of the filter's throughput gap to a bare
     * servlet). Gives the reservation back once answered, as {@link #answer} does.
     *
     * @return true when the delivery was answered here; false (nothing read, nothing answered) to read it async
     */
    static boolean readAvailable(WebhookReceiver receiver, WebhookReceiver.Screening screening,
                                 HttpServletRequest http, HttpServletResponse out, long reserved) {
        long declared = http.getContentLengthLong();
        if (declared < 0 || declared > receiver.maxBodyBytes()) {
            return false;
        }
        ServletInputStream in;
        try {
            in = http.getInputStream();
            if (in.available() < declared) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            return false; // the asynchronous read meets the same failure and answers it
        }
        WebhookResponse response = null;
        try {
            byte[] body = new byte[(int) declared];
            int n = 0;
            try {
                while (n < body.length) {
                    int r = in.read(body, n, body.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (IOException e) {
                log.debug("body read failed: {}", e.toString());
                n = -1;
            }
            response = n == body.length
                    ? receiver.receiveScreened(screening, body)
                    : receiver.bodyFailed(screening.request());
            if (response.status() == 400 || response.status() == 408 || response.status() == 413) {
                out.setHeader("Connection", "close"); // the rest of the body is never read
            }
            WebhookFilter.write(out, response);
        } catch (IOException e) {
            log.debug("could not send the answer: {}", e.toString()); // its status was set first
        } catch (Throwable e) { // an Error here must still not leave an empty 200 behind
            WebhookFilter.unexpected(out, response == null, e,
                    receiver.loggablePath(WebhookFilter.pathOf(http)));
        } finally {
            receiver.releaseBody(reserved); // every answer passes here, once
        }
        return true;
    }

    /**
     * Starts reading {@code http}'s body asynchronously; the answer is written when it is complete or late.
     * {@code screening} holds the screened request without its body, to which this read adds the body.
     */
    static void start(WebhookReceiver receiver, WebhookReceiver.Screening screening, HttpServletRequest http,
                      HttpServletResponse out, ScheduledExecutorService timer, long reserved) throws IOException {
        AsyncContext async;
        try {
            async = http.startAsync(http, out);
        } catch (RuntimeException | Error e) {
            receiver.releaseBody(reserved);
            throw e;
        }
        String endpoint = receiver.loggablePath(WebhookFilter.pathOf(http));
        BodyRead read;
        try {
            async.setTimeout(0); // our own deadline bounds the read; handlers that follow it are not cut off
            read = new BodyRead(receiver, screening, async, http.getInputStream(), out, endpoint, reserved);
            read.in.setReadListener(read);
        } catch (IOException | RuntimeException | Error e) {
            // Nothing read, nothing recorded: 503 so the provider retries, and the started exchange is ended here
            // (an async exchange without a listener would otherwise never complete).
            receiver.releaseBody(reserved);
            WebhookFilter.unexpected(out, true, e, endpoint);
            async.complete();
            return;
        }
        // After the listener: a deadline that fires first must find a read to end. One that fires after the answer
        // finds it answered and does nothing.
        read.deadline = timer.schedule(read::timedOut, receiver.bodyReadTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onDataAvailable() throws IOException {
        try {
            while (!answered.get() && in.isReady()) {
                int room = receiver.maxBodyBytes() + 1 - buffer.size();
                int n = in.read(chunk, 0, Math.min(chunk.length, room));
                if (n < 0) {
                    return; // onAllDataRead follows
                }
                buffer.write(chunk, 0, n);
                if (buffer.size() > receiver.maxBodyBytes()) {
                    answer(() -> receiver.receiveScreened(screening, buffer.toByteArray())); // 413, read no further
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // A read that throws is a body that cannot be read (broken chunk framing, a reset): answered here, so
            // the answer does not depend on whether, or when, the container calls onError after it.
            onError(e);
        }
    }

    @Override
    public void onAllDataRead() {
        // What was read, as a new array of this read's own, kept without a second copy.
        answer(() -> receiver.receiveScreened(screening, buffer.toByteArray()));
    }

    /**
     * The body cannot be read in full: malformed chunk framing, a sender that closed its side before its declared
     * length, a connection the container gave up on. Answered 400 ({@code body could not be read completely}), or
     * 408 when the read deadline has passed, with {@code Connection: close}; never left to the container, which
     * would complete the exchange as an empty {@code 200}. If the answer cannot be written, the error status is
     * set first, so whatever the container sends on completion is not a 2xx (see {@link #answer}).
     */
    @Override
    public void onError(Throwable t) {
        boolean late = System.nanoTime() - startNanos >= receiver.bodyReadTimeout().toNanos();
        log.debug("body read failed: {}", t.toString()); // the WARN line is the receiver's, naming the endpoint
        answer(() -> late ? receiver.bodyTimedOut(screening.request())
                : receiver.bodyFailed(screening.request()));
    }

    private void timedOut() {
        answer(() -> receiver.bodyTimedOut(screening.request()));
    }

    /**
     * Writes the answer {@code answer} gives, once (the first of the read's end, its error and its deadline wins),
     * then completes the exchange. Whatever fails here is never an empty 200: a failure before the receiver
     * answered (before any record) is a 503 with {@code Retry-After}, after it a 500. The status is set before
     * anything is written, so a write that fails leaves that status for the container to complete with; a response
     * already committed (only this answer commits it) keeps what was sent.
     */
    private void answer(Supplier<WebhookResponse> answer) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        cancelDeadline();
        WebhookResponse response = null;
        try {
            response = answer.get();
            if (response.status() == 400 || response.status() == 408 || response.status() == 413) {
                out.setHeader("Connection", "close"); // the rest of the body is never read
            }
            WebhookFilter.write(out, response);
        } catch (IOException e) {
            log.debug("could not send the answer: {}", e.toString()); // its status was set first
        } catch (Throwable e) { // an Error here must still not leave an empty 200 behind
            WebhookFilter.unexpected(out, response == null, e, endpoint);
        } finally {
            receiver.releaseBody(reserved); // every answer passes here, once
            complete();
        }
    }

    private void complete() {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // already completed (the container timed out or closed the exchange): nothing is left to end
            log.debug("exchange already completed: {}", e.toString());
        }
    }

    private void cancelDeadline() {
        ScheduledFuture<?> pending = deadline;
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
