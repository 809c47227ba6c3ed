package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.auth.HmacSignature;
import dev.ramphook.auth.IpAllowlist;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testing.MutableClock;
import dev.ramphook.testing.ShopProvider;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow or lying senders cost nothing but a socket: every check that needs no body refuses before a body byte is
 * read (through {@link WebhookReceiver#screen} and inside {@link WebhookReceiver#receive}), and a trickling body is
 * cut off at the body read deadline.
 */
class BodyFirstChecksTest {

    private static final String TOKEN = "shop-token";
    private static final String PAID = ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1");

    private final List<WebhookEvent<?>> handled = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
    private WebhookReceiver receiver;

    private WebhookReceiver receiver(Authenticator auth) {
        receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), auth)
                .on("*", (event, ctx) -> handled.add(event))
                .maxBodyBytes(1024)
                .bodyReadTimeout(Duration.ofSeconds(5))
                .clock(clock)
                .build();
        return receiver;
    }

    @AfterEach
    void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    /** A body that counts how often it was read from; each byte it gives moves the clock on by one second. */
    private final class TricklingBody extends InputStream {
        private final byte[] bytes;
        private final AtomicInteger reads = new AtomicInteger();
        private int next;

        TricklingBody(String text) {
            this.bytes = text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            reads.incrementAndGet();
            if (next == bytes.length) {
                return -1;
            }
            clock.advance(Duration.ofSeconds(1));
            return bytes[next++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }

    private static WebhookRequest.Builder post(String query, InputStream body) {
        return WebhookRequest.builder().method("POST").path("/hooks/shop").query(query)
                .header("Content-Type", "application/json").remoteAddress("127.0.0.1").body(body);
    }

    @Test
    void wrongUrlTokenOnAHugeDeclaredBodyIs401WithoutReadingIt() {
        TricklingBody body = new TricklingBody(PAID);
        WebhookRequest request = post("token=wrong", body).header("Content-Length", String.valueOf(2 << 20)).build();

        WebhookResponse response = receiver(UrlToken.of(TOKEN)).receive(request);

        assertThat(response.status()).as(response.bodyText()).isEqualTo(401);
        assertThat(body.reads).hasValue(0);
    }

    @Test
    void rightUrlTokenWithAnOversizedDeclaredLengthIs413WithoutReadingIt() {
        TricklingBody body = new TricklingBody(PAID);
        WebhookRequest request = post("token=" + TOKEN, body).header("Content-Length", "1025").build();

        assertThat(receiver(UrlToken.of(TOKEN)).receive(request).status()).isEqualTo(413);
        assertThat(body.reads).hasValue(0);
    }

    @Test
    void missingSignatureHeaderIs401WithoutReadingTheBody() {
        TricklingBody body = new TricklingBody(PAID);

        WebhookResponse response = receiver(HmacSignature.sha256Hex("X-Signature", "secret"))
                .receive(post(null, body).build());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.bodyText()).contains("missing signature header X-Signature");
        assertThat(body.reads).hasValue(0);
    }

    @Test
    void sourceOutsideTheAllowlistIs403WithoutReadingTheBody() {
        TricklingBody body = new TricklingBody(PAID);
        WebhookRequest request = post(null, body).remoteAddress("192.0.2.9").build();

        assertThat(receiver(IpAllowlist.of("10.0.0.0/8")).receive(request).status()).isEqualTo(403);
        assertThat(body.reads).hasValue(0);
    }

    @Test
    void gzipContentEncodingIs415WithoutReadingTheBody() {
        TricklingBody body = new TricklingBody(PAID);
        WebhookRequest request = post(null, body).header("Content-Encoding", "gzip").build();

        WebhookResponse response = receiver(Authenticator.none()).receive(request);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.bodyText()).contains("Content-Encoding");
        assertThat(body.reads).hasValue(0);
    }

    @Test
    void identityContentEncodingIsAccepted() {
        WebhookRequest request = WebhookRequest.builder().method("POST").path("/hooks/shop")
                .header("Content-Type", "application/json").header("Content-Encoding", "identity")
                .body(PAID.getBytes(StandardCharsets.UTF_8)).build();

        assertThat(receiver(Authenticator.none()).receive(request).status()).isEqualTo(200);
    }

    @Test
    void charsetOtherThanUtf8Is415NotA400() {
        TricklingBody body = new TricklingBody(PAID);
        WebhookRequest request = WebhookRequest.builder().method("POST").path("/hooks/shop")
                .header("Content-Type", "application/json; charset=ISO-8859-1").body(body).build();

        WebhookResponse response = receiver(Authenticator.none()).receive(request);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.bodyText()).contains("charset must be UTF-8");
        assertThat(body.reads).hasValue(0);
    }

    @Test
    void utf8CharsetInAnyCaseOrQuotedIsAccepted() {
        receiver(Authenticator.none());
        List<String> types = List.of("application/json; charset=UTF-8", "application/json;charset=\"utf-8\"");
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            WebhookRequest request = WebhookRequest.builder().method("POST").path("/hooks/shop")
                    .header("Content-Type", type)
                    .body(ShopProvider.body("SHOP.V1.ORDER.PAID", "o-" + i).getBytes(StandardCharsets.UTF_8)).build();

            assertThat(receiver.receive(request).status()).as(type).isEqualTo(200);
        }
    }

    @Test
    void screenRefusesWithoutTouchingTheBodyAndPassesWhatMayBeRead() {
        TricklingBody body = new TricklingBody(PAID);
        receiver(UrlToken.of(TOKEN));

        assertThat(receiver.screen(post("token=wrong", body).build()))
                .hasValueSatisfying(answer -> assertThat(answer.status()).isEqualTo(401));
        assertThat(receiver.screen(post("token=" + TOKEN, body).build())).isEmpty();
        assertThat(receiver.screen(post("token=" + TOKEN, body).method("PUT").build()))
                .hasValueSatisfying(answer -> assertThat(answer.status()).isEqualTo(405));
        assertThat(body.reads).hasValue(0);
    }

    @Test
    void bodyTricklingPastTheDeadlineIs408AndIsNotReadToTheEnd() {
        TricklingBody body = new TricklingBody(PAID); // one byte per (clock) second, deadline 5 s

        WebhookResponse response = receiver(Authenticator.none()).receive(post(null, body).build());

        assertThat(response.status()).as(response.bodyText()).isEqualTo(408);
        assertThat(response.bodyText()).contains("\"status\":\"rejected\"");
        assertThat(body.reads.get()).isBetween(5, 7).isLessThan(PAID.length());
        assertThat(handled).isEmpty();
    }

    @Test
    void bodyTimedOutIs408WithTheUsualJson() {
        WebhookResponse response = receiver(Authenticator.none())
                .bodyTimedOut(post(null, new TricklingBody(PAID)).build());

        assertThat(response.status()).isEqualTo(408);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(receiver.bodyReadTimeout()).isEqualTo(Duration.ofSeconds(5));
    }
}
