package dev.ramphook.jakartarest;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.internal.engine.ApiAccess;
import dev.ramphook.internal.text.Logs;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;

/**
 * A {@link WebhookReceiver} as a Jakarta REST sub-resource, for Quarkus REST, Jersey and RESTEasy: the
 * application's resource returns one from a sub-resource locator that covers its webhook paths, with the peer's
 * address, which Jakarta REST itself does not expose (each stack has its own way to ask):
 *
 * <pre>{@code
 * @Path("/webhooks")
 * public class Webhooks {
 *     @Inject WebhookReceiver receiver;
 *
 *     @Path("{path: .*}")
 *     public WebhookResource delivery(@Context HttpServerRequest request) {   // Quarkus REST: Vert.x's request
 *         return WebhookResource.of(receiver, request.remoteAddress().hostAddress());
 *     }
 * }
 * }</pre>
 *
 * <p>Why a sub-resource and not a pre-matching filter: a filter would have to read the body where the stack runs
 * filters, which in Quarkus REST is the event loop (a blocking read there fails, and the store's I/O must never run
 * there); a resource method that returns a plain {@link Response} runs on a worker thread in Quarkus REST and on the
 * request's thread in Jersey and RESTEasy. Why a locator and not a resource of its own: the webhook paths and the
 * way to learn the peer's address are the application's, so they stay in the application's ten lines.
 *
 * <p>The body is taken as the raw {@link InputStream} (no message body reader parses it) and read by the receiver,
 * never past {@link WebhookReceiver#maxBodyBytes()}. Headers, the raw path (relative to the application's base
 * URI, percent-encoding kept) and the raw query are passed as received; the answer's status, headers and JSON body
 * are sent as they are, for every method (a {@code GET} on an endpoint is the receiver's {@code 405}, not the
 * stack's). The peer's address is the direct peer's: an endpoint's {@code trusted-proxies} decide whether a
 * forwarding header is believed, as behind the servlet filter. A path under the locator that is no endpoint gets
 * the receiver's {@code 404} answer, so map the locator to the webhook paths only.
 *
 * <p>Never lets an exception (or an Error) escape to the stack: anything unexpected is logged and answered 503 with
 * {@code Retry-After} before the receiver answered (nothing was recorded), or 500 after. Immutable; one per request
 * costs one small object.
 */
// "exports": jakarta.ws.rs is optional for core (requires static); the application that mounts this sub-resource has its
// own Jakarta REST implementation, and so the API.
@SuppressWarnings("exports")
public final class WebhookResource {

    private static final Logger log = Logs.get(WebhookResource.class);
    private static final byte[] UNAVAILABLE =
            "{\"status\":\"unavailable\",\"error\":\"receiver could not take this delivery; retry later\"}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final byte[] INTERNAL_ERROR =
            "{\"status\":\"error\",\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);

    private final WebhookReceiver receiver;
    private final String remoteAddress;

    private WebhookResource(WebhookReceiver receiver, String remoteAddress) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.remoteAddress = remoteAddress;
    }

    /**
     * The sub-resource for one request, to return from the application's sub-resource locator.
     *
     * @param receiver      the receiver to deliver to; never closed here
     * @param remoteAddress the direct peer's IP address as the stack reports it; {@code null} when it does not know
     *                      it (an endpoint with an {@code allowed-ips} list then refuses every delivery)
     * @return the sub-resource
     * @throws NullPointerException when {@code receiver} is null
     */
    public static WebhookResource of(WebhookReceiver receiver, String remoteAddress) {
        return new WebhookResource(receiver, remoteAddress);
    }

    /**
     * A delivery: its raw body goes to the receiver.
     *
     * @param uri     the request's URI, injected
     * @param headers the request's headers, injected
     * @param body    the raw entity stream, injected
     * @return the receiver's answer
     */
    @POST
    public Response post(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        return deliver("POST", uri, headers, body);
    }

    /**
     * Any other method on a webhook path: the receiver's answer ({@code 405} with {@code Allow: POST} on an
     * endpoint), the body unread.
     *
     * @param uri     the request's URI, injected
     * @param headers the request's headers, injected
     * @return the receiver's answer
     */
    @GET
    public Response get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return deliver("GET", uri, headers, null);
    }

    /**
     * The receiver's answer to a {@code PUT}, the body unread.
     *
     * @param uri     the request's URI, injected
     * @param headers the request's headers, injected
     * @return the receiver's answer
     */
    @PUT
    public Response put(@Context UriInfo uri, @Context HttpHeaders headers) {
        return deliver("PUT", uri, headers, null);
    }

    /**
     * The receiver's answer to a {@code DELETE}, the body unread.
     *
     * @param uri     the request's URI, injected
     * @param headers the request's headers, injected
     * @return the receiver's answer
     */
    @DELETE
    public Response delete(@Context UriInfo uri, @Context HttpHeaders headers) {
        return deliver("DELETE", uri, headers, null);
    }

    /**
     * The receiver's answer to a {@code PATCH}, the body unread.
     *
     * @param uri     the request's URI, injected
     * @param headers the request's headers, injected
     * @return the receiver's answer
     */
    @PATCH
    public Response patch(@Context UriInfo uri, @Context HttpHeaders headers) {
        return deliver("PATCH", uri, headers, null);
    }

    /**
     * The receiver's answer to a {@code HEAD}, the body unread.
     *
     * @param uri     the request's URI, injected
     * @param headers the request's headers, injected
     * @return the receiver's answer
     */
    @HEAD
    public Response head(@Context UriInfo uri, @Context HttpHeaders headers) {
        return deliver("HEAD", uri, headers, null);
    }

    /**
     * The receiver's answer to an {@code OPTIONS}, the body unread.
     *
     * @param uri     the request's URI, injected
     * @param headers the request's headers, injected
     * @return the receiver's answer
     */
    @OPTIONS
    public Response options(@Context UriInfo uri, @Context HttpHeaders headers) {
        return deliver("OPTIONS", uri, headers, null);
    }

    private Response deliver(String method, UriInfo uri, HttpHeaders headers, InputStream body) {
        String path = "/";
        WebhookResponse answer = null; // the receiver's, once it has one: past it, a failure is a 500
        try {
            URI request = uri.getRequestUri();
            path = relativePath(uri.getBaseUri().getRawPath(), request.getRawPath());
            WebhookRequest.Builder delivery = WebhookRequest.builder()
                    .method(method)
                    .path(path)
                    .query(request.getRawQuery())
                    .remoteAddress(remoteAddress);
            for (Map.Entry<String, List<String>> header : headers.getRequestHeaders().entrySet()) {
                for (String value : header.getValue()) {
                    delivery.header(header.getKey(), value);
                }
            }
            BodyEnd end = body == null ? null : new BodyEnd(body);
            if (end != null) {
                delivery.body(end);
            }
            answer = receiver.receive(delivery.build());
            // A body left partly unread (refused before or while reading it) must not be taken for the next
            // request on the connection: some servers (Grizzly) would; so the connection closes after the answer.
            return toResponse(answer, end != null && !end.reached);
        } catch (Throwable e) { // an Error too: never an unlogged failure, never a 2xx for a lost delivery
            return unexpected(answer == null, e, ApiAccess.engine(receiver).loggablePath(path));
        }
    }

    /** The request's raw path below the application's base path ({@code /api/} + {@code /api/webhooks/zbd}). */
    static String relativePath(String basePath, String requestPath) {
        if (basePath == null || basePath.isEmpty() || basePath.equals("/")) {
            return requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
        }
        String base = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        return requestPath.startsWith(base) ? requestPath.substring(base.length()) : requestPath;
    }

    private static Response toResponse(WebhookResponse answer, boolean closeConnection) {
        Response.ResponseBuilder response = Response.status(answer.status());
        answer.headers().forEach(response::header);
        if (closeConnection) {
            response.header("Connection", "close");
        }
        response.header(HttpHeaders.CONTENT_TYPE, answer.contentType());
        if (answer.bodyLength() > 0) {
            response.entity(answer.body());
        }
        return response.build();
    }

    /**
     * Logs once at ERROR and answers: 503 with {@code Retry-After} before the receiver answered (nothing recorded),
     * else 500. A {@link VirtualMachineError} is logged by its class alone.
     */
    private static Response unexpected(boolean beforeAnswer, Throwable e, String endpoint) {
        String what = beforeAnswer ? "answering 503 so the provider retries" : "answering 500";
        if (e instanceof VirtualMachineError) {
            log.error("{} while receiving a delivery to {}; {}", e.getClass().getName(), endpoint, what);
        } else {
            log.error("unexpected failure receiving a delivery to {}; {}", endpoint, what, e);
        }
        Response.ResponseBuilder response = Response.status(beforeAnswer ? 503 : 500)
                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                .entity(beforeAnswer ? UNAVAILABLE.clone() : INTERNAL_ERROR.clone());
        if (beforeAnswer) {
            response.header("Retry-After", "30");
        }
        return response.build();
    }

    /** The body stream, noting whether it was read to its end. */
    private static final class BodyEnd extends FilterInputStream {
        boolean reached;

        BodyEnd(InputStream body) {
            super(body);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                reached |= b < 0;
                return b;
            } catch (IOException e) {
                throw timeoutAsSuch(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                int n = super.read(buffer, offset, length);
                reached |= n < 0;
                return n;
            } catch (IOException e) {
                throw timeoutAsSuch(e);
            }
        }

        /**
         * A stack's own read timeout as a {@link SocketTimeoutException}, so that the receiver answers 408 (the
         * body did not arrive in time) rather than 400: Grizzly wraps a {@code TimeoutException} in a plain
         * {@code IOException}.
         */
        private static IOException timeoutAsSuch(IOException e) {
            if (e instanceof SocketTimeoutException) {
                return e;
            }
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
                    SocketTimeoutException timeout = new SocketTimeoutException("body read timed out");
                    timeout.initCause(e);
                    return timeout;
                }
            }
            return e;
        }
    }

    /** Names the class only: the receiver's configuration holds secrets. */
    @Override
    public String toString() {
        return "WebhookResource";
    }
}
