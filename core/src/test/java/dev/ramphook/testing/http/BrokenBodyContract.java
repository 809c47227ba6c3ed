package dev.ramphook.testing.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Bodies that never arrive in full, over real HTTP with raw sockets: a chunked body whose chunk framing breaks, and
 * a body shorter than its {@code Content-Length} whose sender then half-closes. Never a 2xx (a container may answer
 * 400 itself, or close without answering), and the handler never runs. Part of {@link HostileSenderContract}; a
 * runner that cannot run all of that (Spring Boot's embedded Tomcat sends {@code 100 Continue} before any filter)
 * nests this alone. The application at {@link #base()} is the contract's: meCash signed with
 * {@link WebhookContainerContract#MECASH_SECRET}, a catch-all handler listed at {@code GET <base>/events}.
 */
public abstract class BrokenBodyContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = WebhookContainerContract.HTTP;

    protected abstract URI base();

    @Test
    void chunkedBodyWithAMalformedChunkSizeAndAGenuineSignatureIsNeverA2xxAndNothingIsHandled() throws Exception {
        String id = Seeds.unmaskedUuid();
        byte[] body = meCashEvent(id);
        assertBrokenChunkIsRefused(body, hmacSha512Hex(body), id);
    }

    @Test
    void chunkedBodyWithAMalformedChunkSizeAndAWrongSignatureIsNeverA2xx() throws Exception {
        String id = Seeds.unmaskedUuid();
        assertBrokenChunkIsRefused(meCashEvent(id), "00".repeat(64), id);
    }

    /** The first half of {@code body} in one good chunk, then a chunk size that is not hex, then the rest. */
    private void assertBrokenChunkIsRefused(byte[] body, String signature, String id) throws Exception {
        int half = body.length / 2;
        try (RawSender sender = RawSender.post(base(), "/webhooks/mecash", Map.of("Content-Type", "application/json",
                "Transfer-Encoding", "chunked", "X-Signature", signature))) {
            sender.send((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            sender.send(Arrays.copyOfRange(body, 0, half));
            sender.send("\r\nzz\r\n".getBytes(StandardCharsets.US_ASCII));
            sender.send(Arrays.copyOfRange(body, half, body.length));
            sender.send("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertRefusedOrClosed(sender);
        }
        assertNotHandled(id);
    }

    @Test
    void bodyShorterThanItsContentLengthThenHalfClosedIsNeverA2xxAndNothingIsHandled() throws Exception {
        String id = Seeds.unmaskedUuid();
        byte[] body = meCashEvent(id);
        try (RawSender sender = RawSender.post(base(), "/webhooks/mecash", Map.of("Content-Type", "application/json",
                "Content-Length", String.valueOf(body.length + 100), "X-Signature", hmacSha512Hex(body)))) {
            sender.send(body);
            sender.halfClose(); // shutdown(SHUT_WR): end of stream 100 bytes early, the socket still open to read
            assertRefusedOrClosed(sender);
        }
        assertNotHandled(id);
    }

    /**
     * The contract for a body that cannot be read in full: never a 2xx, which would acknowledge a lost event. The
     * filter answers 400 (408 once late); a container may refuse broken framing itself (400), close without an
     * answer, or, under Spring Boot, render the read error as its own 500 error page.
     */
    private static void assertRefusedOrClosed(RawSender sender) throws Exception {
        int status = sender.statusOrClosed(20_000);
        String rest = status == 0 ? "" : sender.rest();
        assertThat(status).as("status (0: closed without an answer); then %s", rest)
                .satisfies(s -> assertThat(s == 0 || s >= 400).as("not a 2xx, 1xx or 3xx").isTrue());
    }

    /** The application's catch-all handler never saw an event with this id. */
    private void assertNotHandled(String id) throws Exception {
        HttpResponse<String> events = send(HttpRequest.newBuilder(URI.create(base() + "/events"))
                .timeout(Duration.ofSeconds(20)).GET().build());
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).doesNotContain(id);
    }

    /** A signed-able meCash event whose ids are {@code id}. */
    private static byte[] meCashEvent(String id) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Seeds.read("mecash/ramp-payout-completed-off-ramp.json"));
        ((ObjectNode) event.path("data")).put("id", id).put("referenceNumber", id);
        return JSON.writeValueAsBytes(event);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String hmacSha512Hex(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(WebhookContainerContract.MECASH_SECRET.getBytes(StandardCharsets.UTF_8),
                "HmacSHA512"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
