package dev.ramphook.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.Authenticator;
import dev.ramphook.testing.http.EchoProvider;
import dev.ramphook.testing.http.RawSender;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter wired programmatically, among other filters, on embedded Jetty. */
class WebhookFilterTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EVENT = "{\"event\":\"echo.sent\",\"id\":\"%s\",\"data\":{\"n\":1}}";

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<String> otherFilterSaw = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;

    @BeforeEach
    void receiver() {
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/echo", new EchoProvider(), Authenticator.none())
                .on("*", (event, context) -> handled.add(event.key()))
                .maxBodyBytes(1024)
                .build();
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    /** The app: a servlet that echoes what it read, our filter, and a filter that records paths, in that order. */
    private JettyApp app(Filter before) throws Exception {
        return new JettyApp("/shop", context -> {
            if (before != null) {
                context.addFilter(new FilterHolder(before), "/*", EnumSet.of(DispatcherType.REQUEST));
            }
            context.addFilter(new FilterHolder(new WebhookFilter(receiver)), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addFilter(new FilterHolder((Filter) (request, response, chain) -> {
                otherFilterSaw.add(((HttpServletRequest) request).getRequestURI());
                chain.doFilter(request, response);
            }), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new EchoServlet()), "/*");
        }).start();
    }

    @Test
    void deliveryBelowTheContextPathIsAnsweredByTheReceiver() throws Exception {
        try (JettyApp app = app(null)) {
            HttpResponse<String> response = post(app, "/webhooks/echo", EVENT.formatted("a1"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("accepted");
            assertThat(handled).containsExactly("a1");
            assertThat(otherFilterSaw).isEmpty();
        }
    }

    @Test
    void aHeaderSentTwiceReachesTheHandlerWithBothValuesInOrder() throws Exception {
        List<List<String>> seen = new CopyOnWriteArrayList<>();
        receiver.close();
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/echo", new EchoProvider(), Authenticator.none())
                .on("*", (event, context) -> seen.add(context.headers("X-Trace")))
                .build();
        try (JettyApp app = app(null)) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(app.uri("/webhooks/echo"))
                    .header("Content-Type", "application/json").header("X-Trace", "first").header("x-trace", "second")
                    .POST(HttpRequest.BodyPublishers.ofString(EVENT.formatted("h1"))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(seen).containsExactly(List.of("first", "second"));
        }
    }

    @Test
    void otherRequestsGoDownTheChainWithTheirBodyUnread() throws Exception {
        try (JettyApp app = app(null)) {
            HttpResponse<String> response = post(app, "/orders", "{\"order\":42}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("servlet read: {\"order\":42}");
            assertThat(otherFilterSaw).containsExactly("/shop/orders");
            assertThat(handled).isEmpty();
        }
    }

    @Test
    void pathThatOnlyStartsLikeAnEndpointIsNotAWebhook() throws Exception {
        try (JettyApp app = app(null)) {
            HttpResponse<String> response = post(app, "/webhooks/echoes", EVENT.formatted("b1"));

            assertThat(response.body()).startsWith("servlet read: ");
            assertThat(handled).isEmpty();
        }
    }

    @Test
    void filterEarlierInTheChainThatReadsParametersDoesNotDisturbTheDelivery() throws Exception {
        Filter readsParameters = (request, response, chain) -> {
            request.getParameterMap(); // a JSON body is not form data: the stream stays whole
            chain.doFilter(request, response);
        };
        try (JettyApp app = app(readsParameters)) {
            HttpResponse<String> response = post(app, "/webhooks/echo?x=1", EVENT.formatted("c1"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(handled).containsExactly("c1");
        }
    }

    /**
     * A body that arrived with its head is read and answered on the container thread, without startAsync (issue 21:
     * the asynchronous read of every request cost the filter a quarter of a bare servlet's throughput).
     */
    @Test
    void bodyThatArrivedWithItsHeadIsAnsweredWithoutAnAsynchronousRead() throws Exception {
        List<Boolean> asyncStarted = new CopyOnWriteArrayList<>();
        Filter watches = (request, response, chain) -> {
            chain.doFilter(request, response);
            asyncStarted.add(request.isAsyncStarted());
        };
        try (JettyApp app = app(watches)) {
            byte[] body = EVENT.formatted("s1").getBytes(StandardCharsets.UTF_8);
            URI uri = app.uri("/webhooks/echo");
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                socket.setSoTimeout(20_000);
                String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                whole.write(head.getBytes(StandardCharsets.ISO_8859_1));
                whole.write(body);
                socket.getOutputStream().write(whole.toByteArray()); // head and body in one write
                String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1)).readLine();

                assertThat(status).isEqualTo("HTTP/1.1 200 OK");
            }
            assertThat(handled).containsExactly("s1");
            // The answer can reach us before the filter chain has returned to the watching filter on its thread.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !asyncStarted.isEmpty());
            assertThat(asyncStarted).containsExactly(false);
        }
    }

    /** A body still on its way is read asynchronously: no container thread waits for the sender. */
    @Test
    void bodyStillOnItsWayIsReadAsynchronously() throws Exception {
        List<Boolean> asyncStarted = new CopyOnWriteArrayList<>();
        Filter watches = (request, response, chain) -> {
            chain.doFilter(request, response);
            asyncStarted.add(request.isAsyncStarted());
        };
        try (JettyApp app = app(watches)) {
            byte[] body = EVENT.formatted("s2").getBytes(StandardCharsets.UTF_8);
            try (RawSender sender = RawSender.post(app.uri(""), "/webhooks/echo", Map.of(
                    "Content-Type", "application/json", "Content-Length", Integer.toString(body.length)))) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !asyncStarted.isEmpty());
                assertThat(asyncStarted).containsExactly(true); // the filter returned, the body not yet sent
                assertThat(sender.send(body)).isTrue();

                assertThat(sender.status(10_000)).isEqualTo(200);
            }
            assertThat(handled).containsExactly("s2");
        }
    }

    /**
     * The filter screens a delivery's head before reading its body; the receiver then takes it as screened and does
     * not run the same checks again (issue 21: the second pass, the URL token's SHA-256 among them, was paid by every
     * delivery). Counted on the authenticator's check before the body, for a body read on the container thread and
     * for one read asynchronously.
     */
    @Test
    void headIsScreenedOncePerDeliveryWhetherTheBodyIsReadAtOnceOrAsynchronously() throws Exception {
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        receiver.close();
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/echo", new EchoProvider(), new Authenticator() {
                    @Override
                    public dev.ramphook.Verification checkBeforeBody(dev.ramphook.WebhookRequest request) {
                        checks.incrementAndGet();
                        return dev.ramphook.Verification.ok();
                    }

                    @Override
                    public dev.ramphook.Verification verify(dev.ramphook.WebhookRequest request, byte[] body) {
                        return dev.ramphook.Verification.ok();
                    }
                })
                .on("*", (event, context) -> handled.add(event.key()))
                .maxBodyBytes(1024)
                .build();
        try (JettyApp app = app(null)) {
            HttpResponse<String> atOnce = HTTP.send(HttpRequest.newBuilder(app.uri("/webhooks/echo"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(EVENT.formatted("s1"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(atOnce.statusCode()).isEqualTo(200);
            assertThat(checks).hasValue(1);

            byte[] body = EVENT.formatted("s2").getBytes(StandardCharsets.UTF_8);
            try (RawSender sender = RawSender.post(app.uri(""), "/webhooks/echo", Map.of(
                    "Content-Type", "application/json", "Content-Length", Integer.toString(body.length)))) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> checks.get() == 2);
                assertThat(sender.send(body)).isTrue();

                assertThat(sender.status(10_000)).isEqualTo(200);
            }
            assertThat(handled).containsExactly("s1", "s2");
            assertThat(checks).hasValue(2);
        }
    }

    @Test
    void unexpectedFailureBeforeTheRecordIsA503JsonAnswerNotAnErrorPage() throws Exception {
        Filter brokenWrapper = (request, response, chain) -> chain.doFilter(
                new HttpServletRequestWrapper((HttpServletRequest) request) {
                    @Override
                    public Enumeration<String> getHeaderNames() {
                        throw new IllegalStateException("broken wrapper");
                    }
                }, response);
        try (JettyApp app = app(brokenWrapper)) {
            HttpResponse<String> response = post(app, "/webhooks/echo", EVENT.formatted("d1"));

            assertThat(response.statusCode()).isEqualTo(503); // nothing recorded: the provider must retry
            assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/json"));
            assertThat(response.body())
                    .isEqualTo("{\"status\":\"unavailable\",\"error\":\"receiver could not take this delivery; retry later\"}");
            assertThat(handled).isEmpty();
        }
    }

    @Test
    void outOfMemoryOrStackOverflowBeforeTheRecordIs503WithRetryAfterAndTheReceiverAnswersNormallyAfter()
            throws Exception {
        // Before: the Error escaped the filter; the container answered it with its own 500 page, or an empty 200.
        java.util.concurrent.atomic.AtomicReference<Error> next = new java.util.concurrent.atomic.AtomicReference<>();
        receiver.close();
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/echo", new EchoProvider(), (request, body) -> {
                    Error failure = next.getAndSet(null);
                    if (failure != null) {
                        throw failure;
                    }
                    return dev.ramphook.Verification.ok();
                })
                .on("*", (event, context) -> handled.add(event.key()))
                .build();
        try (JettyApp app = app(null)) {
            for (Error failure : List.of(new OutOfMemoryError("Java heap space"), new StackOverflowError())) {
                next.set(failure);
                HttpResponse<String> refused = post(app, "/webhooks/echo", EVENT.formatted("e1"));

                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
                assertThat(refused.body()).contains("\"status\":\"unavailable\"");
                assertThat(handled).isEmpty();
            }

            HttpResponse<String> retried = post(app, "/webhooks/echo", EVENT.formatted("e1"));

            assertThat(retried.statusCode()).isEqualTo(200);
            assertThat(retried.body()).contains("accepted");
            assertThat(handled).containsExactly("e1");
        }
    }

    @Test
    void bodiesInFlightOverTheBoundAre503BeforeTheBodyIsReadAndTheBoundComesBack() throws Exception {
        receiver.close();
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/echo", new EchoProvider(), Authenticator.none())
                .on("*", (event, context) -> handled.add(event.key()))
                .maxBodyBytes(1024)
                .maxBodyBytesInFlight(2048)
                .build();
        WebhookReceiver engine = receiver; // its public body budget
        try (JettyApp app = app(null)) {
            List<dev.ramphook.testing.http.RawSender> held = new java.util.ArrayList<>();
            List<byte[]> bodies = new java.util.ArrayList<>();
            try {
                for (String id : List.of("h1", "h2")) {
                    byte[] body = String.format("%-1024s", EVENT.formatted(id)).getBytes(StandardCharsets.UTF_8);
                    bodies.add(body);
                    dev.ramphook.testing.http.RawSender sender = dev.ramphook.testing.http.RawSender.post(
                            app.uri(""), "/webhooks/echo",
                            java.util.Map.of("Content-Type", "application/json", "Content-Length", "1024"));
                    sender.send(java.util.Arrays.copyOf(body, 10)); // the rest later: its reservation is held
                    held.add(sender);
                }
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                        .until(engine::bodyBytesInFlight, n -> n == 2048);

                HttpResponse<String> refused = post(app, "/webhooks/echo", EVENT.formatted("over"));

                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(refused.body()).contains("too many deliveries in flight");

                for (int i = 0; i < held.size(); i++) {
                    held.get(i).send(java.util.Arrays.copyOfRange(bodies.get(i), 10, 1024));
                    assertThat(held.get(i).status(20_000)).isEqualTo(200);
                }
            } finally {
                held.forEach(dev.ramphook.testing.http.RawSender::close);
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(engine::bodyBytesInFlight, n -> n == 0);
            assertThat(post(app, "/webhooks/echo", EVENT.formatted("after")).statusCode()).isEqualTo(200);
            assertThat(handled).containsExactlyInAnyOrder("h1", "h2", "after");
        }
    }

    private static HttpResponse<String> post(JettyApp app, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(app.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The application's own servlet: proves the body reached it unread by the filter. */
    static final class EchoServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String body = new String(request.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            response.setContentType("text/plain");
            response.getWriter().write("servlet read: " + body);
        }
    }
}
