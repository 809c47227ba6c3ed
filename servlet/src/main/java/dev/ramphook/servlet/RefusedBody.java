package dev.ramphook.servlet;

import dev.ramphook.WebhookResponse;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A refusal sent before the body was read, for a request whose body may still be coming. Left to itself, a
 * container may read ("swallow") the unread body on a blocking thread to keep the connection alive: Tomcat does,
 * for up to 2 MiB, a byte at a time if the sender trickles. So the answer is sent with {@code Connection: close},
 * and whatever body still arrives is discarded by non-blocking reads until the sender stops or the deadline passes,
 * when the exchange is completed and the connection closed. No thread waits on the sender.
 */
final class RefusedBody implements ReadListener {

    private final AsyncContext async;
    private final ServletInputStream in;
    private final AtomicBoolean done = new AtomicBoolean();
    private final byte[] discard = new byte[4096];

    private RefusedBody(AsyncContext async, ServletInputStream in) {
        this.async = async;
        this.in = in;
    }

    /** True when a body may follow the head: a declared length above zero, or a chunked one. */
    static boolean bodyMayFollow(HttpServletRequest http) {
        return http.getContentLengthLong() > 0 || http.getHeader("Transfer-Encoding") != null;
    }

    /** Sends {@code answer} now, then discards the body without a thread until it ends or {@code deadline}. */
    static void answer(HttpServletRequest http, HttpServletResponse out, WebhookResponse answer, Duration deadline,
                       ScheduledExecutorService timer) throws IOException {
        out.setHeader("Connection", "close");
        WebhookFilter.write(out, answer);
        out.flushBuffer(); // committed first: no 100 Continue can follow a final answer
        AsyncContext async = http.startAsync(http, out);
        RefusedBody refused;
        try {
            async.setTimeout(0);
            refused = new RefusedBody(async, http.getInputStream());
            refused.in.setReadListener(refused);
        } catch (IOException | RuntimeException e) {
            async.complete(); // the refusal is sent; an async exchange without a listener would never end
            throw e;
        }
        timer.schedule(refused::finish, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onDataAvailable() {
        try {
            while (!done.get() && in.isReady()) {
                if (in.read(discard) < 0) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            finish(); // broken framing or a reset: the refusal is already sent, nothing more to discard
        }
    }

    @Override
    public void onAllDataRead() {
        finish();
    }

    @Override
    public void onError(Throwable t) {
        finish(); // the container closed the input (as Tomcat does after Connection: close), or the sender left
    }

    /**
     * Ends the exchange once. The refusal was committed before the first read, so an error here never turns it
     * into anything else (in particular never a 200).
     */
    private void finish() {
        if (done.compareAndSet(false, true)) {
            try {
                async.complete();
            } catch (IllegalStateException e) {
                // the container completed it already (it closed the connection)
            }
        }
    }
}
