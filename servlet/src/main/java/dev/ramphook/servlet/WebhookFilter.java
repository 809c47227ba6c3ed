package dev.ramphook.servlet;

import dev.ramphook.config.ConfigException;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.internal.text.Logs;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Hands requests for a {@link WebhookReceiver}'s endpoints to the receiver and passes every other request down the
 * chain untouched (its body unread). Every check that needs no body ({@link WebhookReceiver#screen}) runs before
 * the body is read, so a refused sender is never sent {@code 100 Continue} and never uploads. The body is then read
 * with Servlet non-blocking reads, as raw bytes, never past {@link WebhookReceiver#maxBodyBytes()} and within
 * {@link WebhookReceiver#bodyReadTimeout()} (else 408): a slow sender holds no container thread. When the request
 * is not async-supported (a filter or the servlet mapped at the path is not), the body is read on the container
 * thread instead, still within the deadline, and a warning is logged once.
 *
 * <pre>{@code
 * FilterRegistration.Dynamic webhooks = servletContext.addFilter("ramphook", new WebhookFilter(receiver));
 * webhooks.setAsyncSupported(true);
 * webhooks.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/webhooks/*");
 * // and whatever servlet is mapped at /webhooks/* must be async-supported too (the container asks every member)
 * }</pre>
 *
 * <p>The filter never lets an exception reach the container's error page, and never leaves the container's default
 * empty {@code 200} behind: a body that cannot be read in full is answered 400 (408 once late) with
 * {@code Connection: close}; anything unexpected, an {@link Error} included, is logged once and answered 503 with
 * {@code Retry-After} when it happened before the receiver answered (nothing was recorded), else 500, when the
 * response is not yet committed. A receiver given to the constructor belongs to the
 * caller, who closes it; without configuration code, use {@link WebhookInitializer} instead.
 */
public final class WebhookFilter implements Filter {

    private static final Logger log = Logs.get(WebhookFilter.class);
    private static final byte[] INTERNAL_ERROR =
            "{\"status\":\"error\",\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);
    /** Built once: the answer to an Error before any record, written when memory may be short. */
    private static final byte[] UNAVAILABLE =
            "{\"status\":\"unavailable\",\"error\":\"receiver could not take this delivery; retry later\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private final Function<ServletContext, WebhookReceiver> factory;
    private final boolean owned;
    private volatile WebhookReceiver receiver;
    private volatile boolean warnedBlocking;
    /** Ends body reads at their deadline; one daemon thread, idle unless a body is late. */
    private final ScheduledThreadPoolExecutor timer = deadlineTimer();

    /**
     * A filter over a receiver the application built and will close (after the filter is destroyed). Register one
     * instance per receiver; it is thread-safe, as a filter must be.
     *
     * @param receiver the receiver that answers requests for its endpoints
     * @throws NullPointerException when {@code receiver} is null
     */
    public WebhookFilter(WebhookReceiver receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.factory = null;
        this.owned = false;
    }

    /** A filter that builds its receiver in {@link #init} and closes it in {@link #destroy}. */
    WebhookFilter(Function<ServletContext, WebhookReceiver> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.owned = true;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (factory != null && receiver == null) {
            try {
                receiver = factory.apply(filterConfig.getServletContext());
            } catch (ConfigException e) {
                // Containers log a failed filter's exception apart from their main log: say it here too.
                log.error("ramphook configuration error: {}", e.getMessage());
                throw new ServletException("ramphook configuration error: " + e.getMessage());
            }
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        WebhookReceiver current = receiver;
        if (current == null || !(request instanceof HttpServletRequest http)
                || !(response instanceof HttpServletResponse out)) {
            chain.doFilter(request, response);
            return;
        }
        String path = pathOf(http);
        if (!current.handles(path)) {
            chain.doFilter(request, response);
            return;
        }
        WebhookResponse recorded = null; // the receiver's answer, once it has one: past it, a failure is a 500
        try {
            WebhookRequest.Builder delivery = head(http, path);
            // Every check that needs no body, before the first read (which is what sends 100 Continue); once passed,
            // the receiver takes the body as screened and does not run them again.
            WebhookReceiver.Screening screening = current.screenHead(delivery.build());
            Optional<WebhookResponse> refused = screening.refusal();
            if (refused.isPresent() && http.isAsyncSupported() && RefusedBody.bodyMayFollow(http)) {
                RefusedBody.answer(http, out, refused.get(), current.bodyReadTimeout(), timer);
            } else if (refused.isPresent()) {
                write(out, refused.get());
            } else if (http.isAsyncSupported()) {
                readBody(current, screening, http, out);
            } else {
                warnBlockingOnce(current.loggablePath(path));
                // The receiver reads the stream in chunks and answers 408 once the deadline has passed.
                recorded = current.receive(delivery.body(http.getInputStream()).build());
                write(out, recorded);
            }
        } catch (IOException e) {
            // The provider hung up while we answered; the event is recorded, so its retry is a duplicate.
            log.debug("could not send the answer for {} {}: {}", http.getMethod(),
                    current.loggablePath(path), e.toString());
        } catch (Throwable e) { // an Error too: never an empty 200 (the container's default) for a lost delivery
            unexpected(out, recorded == null, e, current.loggablePath(path));
        }
    }

    /**
     * Reads the body without a thread once its bytes are reserved from the bound on bodies in flight
     * ({@code maxBodyBytesInFlight}); over the bound, 503 with {@code Retry-After} before a byte is read, sent as
     * any refusal of a body that may still be coming.
     */
    private void readBody(WebhookReceiver current, WebhookReceiver.Screening screening, HttpServletRequest http,
                          HttpServletResponse out) throws IOException {
        long bytes = current.bodyReservation(http.getContentLengthLong()); // -1 when chunked: maxBodyBytes
        if (current.reserveBody(bytes)) {
            // Both give the bytes back once answered; the first only when the whole body is already there.
            if (!BodyRead.readAvailable(current, screening, http, out, bytes)) {
                BodyRead.start(current, screening, http, out, timer, bytes);
            }
        } else if (RefusedBody.bodyMayFollow(http)) {
            RefusedBody.answer(http, out, current.overloaded(screening.request()), current.bodyReadTimeout(), timer);
        } else {
            write(out, current.overloaded(screening.request()));
        }
    }

    /**
     * Logs an unexpected failure once at ERROR and answers it, when nothing has been sent yet: 503 with
     * {@code Retry-After} when {@code beforeAnswer} (the receiver had not answered, so nothing was recorded and the
     * provider must retry), else 500. A {@link VirtualMachineError} (out of memory, stack overflow) is logged by
     * its class alone and answered from bytes built in advance: its stack trace is of no use and costs memory that
     * is short. When the response is already committed its status cannot change (Servlet offers no way to abort
     * a committed response): what was sent stands, and the caller completes the exchange.
     */
    static void unexpected(HttpServletResponse out, boolean beforeAnswer, Throwable e, String endpoint) {
        String what = beforeAnswer ? "answering 503 so the provider retries" : "answering 500";
        if (e instanceof VirtualMachineError) {
            log.error("{} while receiving a delivery to {}; {}", e.getClass().getName(), endpoint, what);
        } else {
            log.error("unexpected failure receiving a delivery to {}; {}", endpoint, what, e);
        }
        if (beforeAnswer) {
            sendFailure(out, 503, UNAVAILABLE, true);
        } else {
            sendFailure(out, 500, INTERNAL_ERROR, false);
        }
    }

    private static void sendFailure(HttpServletResponse out, int status, byte[] body, boolean retry) {
        if (out.isCommitted()) {
            return;
        }
        try {
            out.reset(); // also drops headers set before the failure
            out.setStatus(status);
            if (retry) {
                out.setHeader("Retry-After", "30");
            }
            out.setHeader("Connection", "close");
            out.setContentType("application/json");
            out.setContentLength(body.length);
            out.getOutputStream().write(body);
        } catch (IOException | RuntimeException e) {
            log.debug("could not send the {} answer: {}", status, e.toString());
        }
    }

    private void warnBlockingOnce(String path) {
        if (!warnedBlocking) {
            warnedBlocking = true;
            log.warn("webhook bodies at {} are read on a blocking container thread: the request is not"
                    + " async-supported (mark every filter and the servlet mapped there async-supported)", path);
        }
    }

    /** The request URI without the context path, as the receiver's endpoints are configured. */
    static String pathOf(HttpServletRequest http) {
        String uri = http.getRequestURI();
        String context = http.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** The request without its body; the caller adds the body once the checks that need none have passed. */
    private static WebhookRequest.Builder head(HttpServletRequest http, String path) {
        WebhookRequest.Builder builder = WebhookRequest.builder()
                .method(http.getMethod())
                .path(path)
                .query(http.getQueryString())
                .remoteAddress(http.getRemoteAddr());
        // Walked, not copied into lists first (Collections.list): a list per request and one per header, the largest
        // allocation of the filter's own code per delivery (JFR, issue 21).
        for (Enumeration<String> names = http.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = http.getHeaders(name); values.hasMoreElements(); ) {
                builder.header(name, values.nextElement());
            }
        }
        return builder;
    }

    static void write(HttpServletResponse out, WebhookResponse answer) throws IOException {
        out.setStatus(answer.status());
        Map<String, String> headers = answer.headers();
        if (!headers.isEmpty()) { // most answers have none: no entry set and iterator for them
            for (Map.Entry<String, String> header : headers.entrySet()) {
                out.setHeader(header.getKey(), header.getValue());
            }
        }
        out.setContentType(answer.contentType());
        out.setContentLength(answer.bodyLength());
        answer.writeTo(out.getOutputStream());
    }

    private static ScheduledThreadPoolExecutor deadlineTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "ramphook-body-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // a cancelled deadline (the usual case) is not kept until it was due
        return timer;
    }

    /** Closes the receiver when this filter built it (zero-code configuration); the caller's otherwise. */
    @Override
    public void destroy() {
        timer.shutdownNow();
        WebhookReceiver current = receiver;
        if (owned && current != null) {
            current.close();
        }
    }
}
