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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Hostile and sloppy senders, on every container the contract runs on: whatever needs no body is refused before
 * the body is read (and before {@code 100 Continue}), a body is read within a deadline, and slow senders hold no
 * thread. The {@link #downBase()} application reads bodies with a {@value #DOWN_BODY_READ_TIMEOUT}-second deadline.
 * A container runner includes it as a {@code @Nested} class over its own applications (the JDK HTTP server run
 * does not yet: that server sends {@code 100 Continue} before any handler runs and reads bodies on its threads).
 */
public abstract class HostileSenderContract extends BrokenBodyContract {

    /** {@code ramphook.body-read-timeout} of the {@link #downBase()} application, in seconds. */
    public static final int DOWN_BODY_READ_TIMEOUT = 2;
    /** Slow senders attached per endpoint while a genuine delivery is made. */
    static final int SLOW_SENDERS = 250;

    private static final String TOKEN = "zbd-it-token";
    private static final String SECRET = "mecash-it-secret";
    private static final int MAX_BODY = 16_384;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = WebhookContainerContract.HTTP;

    protected abstract URI downBase();

    /**
     * True for a stack that answers {@code Expect: 100-continue} itself before the receiver sees the request
     * (Grizzly, the JDK server): the refusal then follows an interim {@code 100}, and the body is still never read.
     * False (the default) asserts the refusal is the first status line.
     */
    protected boolean continuesBeforeTheReceiver() {
        return false;
    }

    /**
     * True (the default) for a stack whose adapter reads bodies without holding a thread (the servlet filter's
     * non-blocking read, Vert.x): hundreds of slow senders whose forged signatures need the body read are attached.
     * False for a stack whose receiver reads the body on a blocking stream (Jersey): each such sender holds one of the
     * server's worker threads until the stack's own read timeout, so only the senders refused before their body (no
     * token) are attached, and the guide says how to bound the rest.
     */
    protected boolean readsBodiesWithoutAThread() {
        return true;
    }

    /** The final status of {@code sender}'s request: the first status line, or the one after a stack's own 100. */
    private int refusal(RawSender sender) throws Exception {
        if (!continuesBeforeTheReceiver()) {
            return sender.status(20_000);
        }
        return sender.finalStatus(20_000);
    }

    private static Map<String, String> json(long contentLength) {
        return Map.of("Content-Type", "application/json", "Content-Length", String.valueOf(contentLength));
    }

    @Test
    void expect100ContinueWithAWrongTokenGetsTheFinalStatusNot100() throws Exception {
        try (RawSender sender = RawSender.post(base(), "/webhooks/zbd?token=wrong",
                Map.of("Content-Type", "application/json", "Content-Length", "2000", "Expect", "100-continue"))) {
            assertThat(refusal(sender)).isEqualTo(401);
        }
    }

    @Test
    void expect100ContinueWithAnOversizedDeclaredLengthGets413Not100() throws Exception {
        try (RawSender sender = RawSender.post(base(), "/webhooks/zbd?token=" + TOKEN, Map.of("Content-Type",
                "application/json", "Content-Length", String.valueOf(MAX_BODY + 1), "Expect", "100-continue"))) {
            assertThat(refusal(sender)).isEqualTo(413);
        }
    }

    @Test
    void expect100ContinueWithoutASignatureGets401Not100() throws Exception {
        try (RawSender sender = RawSender.post(base(), "/webhooks/mecash",
                Map.of("Content-Type", "application/json", "Content-Length", "500", "Expect", "100-continue"))) {
            assertThat(refusal(sender)).isEqualTo(401);
        }
    }

    @Test
    void wrongTokenOnATwoMebibyteBodyIs401Not413() throws Exception {
        try (RawSender sender = RawSender.post(base(), "/webhooks/zbd?token=wrong", json(2 << 20))) {
            sender.send(new byte[8192]);
            assertThat(sender.status(20_000)).isEqualTo(401);
        }
    }

    @Test
    void gzipContentEncodingIs415() throws Exception {
        HttpResponse<String> response = send(zbd(someZbdEvent()).header("Content-Encoding", "gzip").build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.body()).contains("Content-Encoding");
    }

    @Test
    void latin1CharsetIs415NotA400() throws Exception {
        HttpResponse<String> response = send(zbd(someZbdEvent())
                .setHeader("Content-Type", "application/json; charset=ISO-8859-1").build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.body()).contains("charset must be UTF-8");
    }

    @Test
    void bodyShorterThanItsContentLengthIs408AtTheDeadline() throws Exception {
        try (RawSender sender = RawSender.post(downBase(), "/webhooks/mecash",
                Map.of("Content-Type", "application/json", "Content-Length", "1000", "X-Signature", "00"))) {
            sender.send("{\"event\":".getBytes(StandardCharsets.UTF_8));
            assertThat(sender.status(20_000)).isEqualTo(408);
            assertThat(sender.rest()).contains("\"status\":\"rejected\"");
        }
    }

    @Test
    void bodyTricklingInIs408AtTheDeadlineAlthoughEveryByteIsOnTime() throws Exception {
        try (RawSender sender = RawSender.post(downBase(), "/webhooks/mecash",
                Map.of("Content-Type", "application/json", "Content-Length", "1000", "X-Signature", "00"))) {
            int status = -1;
            // 100 bytes at most, one every 200 ms: a container idle timeout restarts with each of them.
            for (int i = 0; i < 100 && status < 0 && sender.send(new byte[] {' '}); i++) {
                status = sender.statusIfAny(200);
            }
            if (status < 0) {
                status = sender.status(5_000); // the connection closed under the last write: the answer is there
            }
            assertThat(status).isEqualTo(408);
        }
    }

    @Test
    void genuineDeliveryIsAnsweredWhileHundredsOfSlowUnauthenticatedSendersAreAttached() throws Exception {
        long alone = timedGenuineDelivery();
        List<RawSender> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW_SENDERS; i++) {
                // Declared lengths within the limit: a forged signature must be read to be refused (without a
                // thread); a missing token is refused before the body.
                if (readsBodiesWithoutAThread()) {
                    slow.add(RawSender.post(base(), "/webhooks/mecash", Map.of("Content-Type", "application/json",
                            "Content-Length", String.valueOf(MAX_BODY), "X-Signature", "00".repeat(64))));
                }
                slow.add(RawSender.post(base(), "/webhooks/zbd", json(MAX_BODY)));
            }
            CountDownLatch rounds = new CountDownLatch(2);
            trickle.scheduleAtFixedRate(() -> {
                slow.forEach(s -> s.send(new byte[] {' '}));
                rounds.countDown();
            }, 0, 1, TimeUnit.SECONDS);
            // Every sender has sent body bytes, so each request has reached the container (which may wait for the
            // first body byte before it dispatches a request).
            assertThat(rounds.await(60, TimeUnit.SECONDS)).isTrue();
            long held = threadsInsideRamphook();

            long attached = timedGenuineDelivery();

            System.out.printf("[slow senders] %s: genuine delivery %.1f ms alone, %.1f ms with %d slow senders"
                    + " attached; threads inside ramphook while attached: %d%n", getClass().getSimpleName(),
                    alone / 1e6, attached / 1e6, slow.size(), held);
        } finally {
            trickle.shutdownNow();
            trickle.awaitTermination(5, TimeUnit.SECONDS);
            slow.forEach(RawSender::close);
        }
    }

    /** Server threads whose stack is in ramphook code (a blocking body read, say): a figure for the notes. */
    private static long threadsInsideRamphook() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith("dev.ramphook.")))
                .filter(e -> Arrays.stream(e.getValue()).noneMatch(f -> f.getClassName().contains(".testing.")))
                .count();
    }

    /** Delivers a fresh signed meCash event, asserts it was accepted and returns how long it took (ns). */
    private long timedGenuineDelivery() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Seeds.read("mecash/ramp-payout-completed-off-ramp.json"));
        ((ObjectNode) event.path("data")).put("id", Seeds.unmaskedUuid())
                .put("referenceNumber", Seeds.unmaskedUuid());
        byte[] body = JSON.writeValueAsBytes(event);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/webhooks/mecash"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-Signature", hmacSha512Hex(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = send(request);
        long took = System.nanoTime() - start;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("accepted");
        return took;
    }

    private HttpRequest.Builder zbd(byte[] body) {
        return HttpRequest.newBuilder(URI.create(base() + "/webhooks/zbd?token=" + TOKEN))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static byte[] someZbdEvent() {
        return Seeds.read("zbd/payment-settled.json");
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String hmacSha512Hex(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
