package dev.ramphook.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.zbd.ZbdRamp;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler in a real JDK HTTP server, as the README sets it up. The full HTTP contract (every seed, every status)
 * runs against it in the servlet module's {@code JdkHttpServerContractTest}; these are its own edges.
 */
class WebhookHttpHandlerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "mecash-jdk-secret";

    private final List<byte[]> handled = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private WebhookReceiver receiver;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of("t0k3n"))
                .endpoint("/webhooks/mecash", MeCash.provider(), MeCash.signature(SECRET))
                .on("*", (event, context) -> handled.add(event.json().toString().getBytes(StandardCharsets.UTF_8)))
                .maxBodyBytes(4096)
                .build();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks", WebhookHttpHandler.of(receiver));
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
        receiver.close();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signatureIsCheckedOverTheRawBytesAsSent() throws Exception {
        // Spacing and key order a re-serialisation would change: the HMAC only matches the bytes on the wire.
        byte[] body = ("{ \"data\" : {\"id\":\"jdk-1\",\"type\":\"SEND\",\"category\":\"OFF_RAMP\",\"state\":\"COMPLETED\"},"
                + "\n  \"event\":\"ramp.payout.completed\" }").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/webhooks/mecash"))
                .header("Content-Type", "application/json").header("X-Signature", hmacSha512Hex(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"accepted\"");
        assertThat(handled).hasSize(1);
    }

    @Test
    void pathInTheContextThatIsNoEndpointIs404Json() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/webhooks/moonpay"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"rejected\"").contains("no webhook endpoint");
    }

    @Test
    void otherContextsAreTheApplications() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/health")).GET().build()).statusCode()).isEqualTo(204);
    }

    @Test
    void headOnAnEndpointIs405WithoutABody() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/webhooks/zbd?token=t0k3n"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void connectionStaysUsableAfterARefusedOversizedBody() throws Exception {
        byte[] big = ("{\"event\":\"RAMP_WIDGET.V1.SESSION.CLOSED\",\"pad\":\"" + "x".repeat(8192) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/webhooks/zbd?token=t0k3n"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());
        HttpResponse<String> next = send(HttpRequest.newBuilder(uri("/health")).GET().build());

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(next.statusCode()).isEqualTo(204);
    }

    @Test
    void bodyShorterThanItsContentLengthThenHalfClosedIsNeverA2xx() throws Exception {
        byte[] body = mecashBody("jdk-short");
        String head = "POST /webhooks/mecash HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "X-Signature: " + hmacSha512Hex(body) + "\r\nContent-Length: " + (body.length + 100) + "\r\n\r\n";

        String status = exchangeRaw(head.getBytes(StandardCharsets.US_ASCII), body);

        assertThat(status).as("status line ('' = closed unanswered)").isIn("", "HTTP/1.1 400 Bad Request");
        assertThat(handled).isEmpty();
    }

    @Test
    void chunkedBodyWithAMalformedChunkSizeIsNeverA2xx() throws Exception {
        byte[] body = mecashBody("jdk-chunk");
        int half = body.length / 2;
        String head = "POST /webhooks/mecash HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "X-Signature: " + hmacSha512Hex(body) + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(half) + "\r\n";
        java.io.ByteArrayOutputStream rest = new java.io.ByteArrayOutputStream();
        rest.write(body, 0, half);
        rest.write("\r\nzz\r\n".getBytes(StandardCharsets.US_ASCII));
        rest.write(body, half, body.length - half);
        rest.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        String status = exchangeRaw(head.getBytes(StandardCharsets.US_ASCII), rest.toByteArray());

        assertThat(status).as("status line ('' = closed unanswered)").isIn("", "HTTP/1.1 400 Bad Request");
        assertThat(handled).isEmpty();
    }

    private static byte[] mecashBody(String id) {
        return ("{\"event\":\"ramp.payout.completed\",\"data\":{\"id\":\"" + id
                + "\",\"type\":\"SEND\",\"category\":\"OFF_RAMP\",\"state\":\"COMPLETED\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the bytes, half-closes (shutdown(SHUT_WR)), and returns the first line answered, or "" if none. */
    private String exchangeRaw(byte[] head, byte[] body) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.getAddress().getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(head);
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            try {
                int c;
                while ((c = socket.getInputStream().read()) >= 0 && c != '\n') {
                    line.write(c);
                }
            } catch (java.net.SocketException reset) {
                // closed: what arrived is all
            }
            return line.toString(StandardCharsets.ISO_8859_1).trim();
        }
    }

    @Test
    void describesItselfWithoutTheReceiversConfiguration() {
        assertThat(WebhookHttpHandler.of(receiver).toString()).isEqualTo("WebhookHttpHandler");
    }

    private static String hmacSha512Hex(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
