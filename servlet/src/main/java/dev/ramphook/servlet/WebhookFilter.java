package dev.ramphook.servlet;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
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
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands requests for a {@link WebhookReceiver}'s endpoints to the receiver and passes every other request down the
 * chain untouched (its body unread). The body goes to the receiver as the request's {@code InputStream}, which it
 * reads as raw bytes and never past {@link WebhookReceiver#maxBodyBytes()}.
 *
 * <pre>{@code
 * FilterRegistration.Dynamic webhooks = servletContext.addFilter("ramphook", new WebhookFilter(receiver));
 * webhooks.setAsyncSupported(true);
 * webhooks.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/webhooks/*");
 * }</pre>
 *
 * <p>The filter never lets an exception reach the container's error page: anything unexpected is logged and answered
 * with a 500 JSON body when the response is not yet committed. A receiver given to the constructor belongs to the
 * caller, who closes it; without configuration code, use {@link WebhookInitializer} instead.
 */
public final class WebhookFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(WebhookFilter.class);
    private static final byte[] INTERNAL_ERROR =
            "{\"status\":\"error\",\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);

    private final Function<ServletContext, WebhookReceiver> factory;
    private final boolean owned;
    private volatile WebhookReceiver receiver;

    /** A filter over a receiver the application built and will close. */
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
        try {
            write(out, current.receive(toWebhookRequest(http, path)));
        } catch (IOException e) {
            // The provider hung up while we answered; the event is recorded, so its retry is a duplicate.
            log.debug("could not send the answer for {} {}: {}", http.getMethod(), path, e.toString());
        } catch (RuntimeException | LinkageError e) {
            log.error("unexpected failure receiving {} {}", http.getMethod(), path, e);
            if (!out.isCommitted()) {
                out.reset(); // also drops headers set before the failure
                out.setStatus(500);
                out.setContentType("application/json");
                out.setContentLength(INTERNAL_ERROR.length);
                out.getOutputStream().write(INTERNAL_ERROR);
            }
        }
    }

    /** The request URI without the context path, as the receiver's endpoints are configured. */
    static String pathOf(HttpServletRequest http) {
        String uri = http.getRequestURI();
        String context = http.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static WebhookRequest toWebhookRequest(HttpServletRequest http, String path) throws IOException {
        WebhookRequest.Builder builder = WebhookRequest.builder()
                .method(http.getMethod())
                .path(path)
                .query(http.getQueryString())
                .remoteAddress(http.getRemoteAddr());
        for (String name : Collections.list(http.getHeaderNames())) {
            for (String value : Collections.list(http.getHeaders(name))) {
                builder.header(name, value);
            }
        }
        // Only a POST has a body worth reading; the receiver answers other methods with 405 unread.
        if ("POST".equals(http.getMethod())) {
            builder.body(http.getInputStream());
        }
        return builder.build();
    }

    private static void write(HttpServletResponse out, WebhookResponse answer) throws IOException {
        out.setStatus(answer.status());
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            out.setHeader(header.getKey(), header.getValue());
        }
        byte[] body = answer.body();
        out.setContentType(answer.contentType());
        out.setContentLength(body.length);
        out.getOutputStream().write(body);
    }

    /** Closes the receiver when this filter built it (zero-code configuration); the caller's otherwise. */
    @Override
    public void destroy() {
        WebhookReceiver current = receiver;
        if (owned && current != null) {
            current.close();
        }
    }
}
