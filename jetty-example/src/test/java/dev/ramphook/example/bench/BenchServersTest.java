package dev.ramphook.example.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.auth.UrlToken;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.zbd.ZbdRamp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * {@code bench/load.sh} divides the library's server by the bare one: they must differ in the filter and nothing
 * else, and both must be the Jetty users run (the example's {@code ExampleConnector}: no {@code Server} header, as
 * {@code JettyExampleTest} checks of the example). wrk parses every answer, so the answers' bytes are compared too,
 * as they come off the socket (only the {@code Date} value may differ).
 */
class BenchServersTest {

    private static final String TOKEN = "bench-servers-test-token";
    private static final String BODY = "{\"event\":\"RAMP_WIDGET.V1.PAYMENT.SETTLED\",\"data\":{\"session_id\":"
            + "\"sess_bench_1\",\"base_amount\":\"1.00\",\"base_currency\":\"USD\"},"
            + "\"created_at\":\"2025-01-18T11:05:00Z\"}";

    @Test
    void theBareAndTheLibraryServerAnswerADeliveryWithTheSameBytesAndNoServerHeader() throws Exception {
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of(TOKEN))
                .on("*", (event, context) -> { })
                .retention(NoopServer.RETENTION)
                .build();
        Server bare = BareServer.start(0);
        Server noop = NoopServer.start(0, receiver);
        try {
            List<String> fromBare = answer(BareServer.port(bare));
            List<String> fromLibrary = answer(BareServer.port(noop));

            assertThat(fromBare.get(0)).isEqualTo("HTTP/1.1 200 OK");
            assertThat(fromLibrary).isEqualTo(fromBare);
            assertThat(fromBare).noneMatch(line -> line.regionMatches(true, 0, "Server:", 0, 7));
        } finally {
            noop.stop();
            bare.stop();
            receiver.close();
        }
    }

    /** The raw answer to one delivery, a line per header (the {@code Date} value blanked), then the body. */
    private static List<String> answer(int port) throws IOException {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /webhooks/zbd?token=" + TOKEN + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            for (String line : raw.split("\r\n", -1)) {
                lines.add(line.regionMatches(true, 0, "Date:", 0, 5) ? "Date: (any)" : line);
            }
            return lines;
        }
    }
}
