package dev.ramphook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.DeliveryListener;
import dev.ramphook.Authenticator;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.Verification;
import dev.ramphook.WebhookResponse;
import dev.ramphook.auth.HmacSignature;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.internal.json.Json;
import dev.ramphook.mecash.MeCash;
import dev.ramphook.metrics.RamphookMetrics;
import dev.ramphook.store.EventStore;
import dev.ramphook.zbd.ZbdRamp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One delivery through {@link WebhookReceiver#receive} (real authentication, in-memory store, inline no-op handler)
 * against what integrators write today, on the same bodies:
 * <ul>
 *   <li>{@code readTree}: Jackson {@code readTree} alone, the floor of any JSON webhook endpoint;</li>
 *   <li>{@code statusQuo}: {@code readTree} + {@code switch} on the event name;</li>
 *   <li>{@code statusQuoVerified}: the same after checking the token or HMAC by hand, as a careful integrator
 *       would (a new {@code Mac} per request, as most code samples do).</li>
 * </ul>
 *
 * <p>Every invocation delivers a NEW event: a ring of distinct bodies, and the store keeps the handled keys of the
 * last half of the ring, as a server in steady state keeps its retention's window: each time a half of the ring
 * comes round, the receivers' clock moves on a second and the store forgets the keys received before the half that
 * just ended ({@code prune}, as the retention does after days). Until 2026-12-06 the harness forgot every key once
 * per pass, so the table of handled keys shrank to its minimum and regrew through five rehashes per pass, about a
 * fifth of a ZBD delivery's JFR samples and 166 B per delivery (thread CPU moved within its noise), which a steady
 * server never pays. The iteration fails if any delivery was a duplicate, or arrived untyped (data left as JSON,
 * with a WARN line each: not the path being measured).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class DeliveryBenchmark {

    private static final String ZBD_QUERY = "token=" + Payloads.ZBD_TOKEN;

    @Param({"zbd", "mecash"})
    public String provider;

    @Param({"300", "4096", "65536"})
    public int size;

    private final ObjectMapper plain = new ObjectMapper();
    private WebhookReceiver receiver;
    private EventStore store;
    private WebhookReceiver metered;
    private EventStore meteredStore;
    private WebhookReceiver listened;
    private EventStore listenedStore;
    private Payloads.Delivery[] ring;
    /** The ring's deliveries as signed requests, for {@link #ramphookVerify}: built once, not per call. */
    private WebhookRequest[] signed;
    /** The endpoint's authenticator, as the receivers use it: the ZBD token, or meCash's HMAC-SHA512. */
    private Authenticator authenticator;
    /** Every receiver's clock: the wall clock, moved on a second each time a half of the ring comes round. */
    private final PassClock clock = new PassClock();
    /** The clock's reading when the half of the ring now being delivered began. */
    private Instant halfStarted;
    private String contentLength;
    private boolean zbd;
    private int next;
    private long delivered;
    private long handled;
    private long typed;

    @Setup(Level.Trial)
    public void setUp() {
        // 64 KB bodies: a smaller store, so that a ring longer than it fits in memory (about 100 MB).
        int capacity = size <= 4096 ? 10_000 : 1_000;
        ring = Payloads.ring(provider, size, capacity + capacity / 4);
        contentLength = Integer.toString(ring[0].body().length);
        zbd = "zbd".equals(provider);
        authenticator = zbd ? UrlToken.of(Payloads.ZBD_TOKEN)
                : HmacSignature.sha512Hex("X-Signature", Payloads.MECASH_SECRET);
        signed = new WebhookRequest[ring.length];
        for (int i = 0; i < ring.length; i++) {
            signed[i] = request(ring[i]).build();
        }
        store = EventStore.inMemory(capacity);
        receiver = receiver(store);
        // The same receiver with the Micrometer binder bound: ramphookMetered / ramphook is the metrics' cost.
        meteredStore = EventStore.inMemory(capacity);
        metered = receiver(meteredStore);
        new RamphookMetrics(metered).bindTo(new SimpleMeterRegistry());
        // With one listener that does nothing: ramphookListened / ramphook is the cost of building the reports.
        listenedStore = EventStore.inMemory(capacity);
        listened = receiver(listenedStore, new DeliveryListener() { });
    }

    private WebhookReceiver receiver(EventStore into, DeliveryListener... listeners) {
        WebhookReceiver.Builder builder = WebhookReceiver.builder();
        for (DeliveryListener listener : listeners) {
            builder.listener(listener);
        }
        return builder
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of(Payloads.ZBD_TOKEN))
                .endpoint("/webhooks/mecash", MeCash.provider(),
                        HmacSignature.sha512Hex("X-Signature", Payloads.MECASH_SECRET))
                .store(into)
                .clock(clock)
                .inline()
                .on("*", (event, context) -> {
                    handled++;
                    if (!(event.data() instanceof JsonNode)) {
                        typed++;
                    }
                })
                .build();
    }

    @TearDown(Level.Iteration)
    public void everyDeliveryWasNew() {
        if (delivered != handled) {
            throw new IllegalStateException(provider + "/" + size + ": " + (delivered - handled) + " of "
                    + delivered + " deliveries were not handled as new events: the benchmark measured duplicates");
        }
        if (typed != handled) {
            throw new IllegalStateException(provider + "/" + size + ": " + (handled - typed) + " of " + handled
                    + " deliveries arrived untyped (the body no longer fits the provider's typed mapping): the "
                    + "benchmark measured the WARN path");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        receiver.close();
        metered.close();
        listened.close();
    }

    private Payloads.Delivery nextDelivery() {
        if (next == 0 || next == ring.length / 2) {
            newHalf();
        }
        Payloads.Delivery d = ring[next];
        next = next + 1 == ring.length ? 0 : next + 1;
        return d;
    }

    /**
     * A half of the ring begins: its events were last delivered before the half that just ended, so the keys
     * received before that half began go (whole seconds: the clock moved on a second between the halves, so they all
     * lie in earlier seconds than any key of the half that just ended, which stays).
     */
    private void newHalf() {
        if (halfStarted != null) {
            store.prune(halfStarted);
            meteredStore.prune(halfStarted);
            listenedStore.prune(halfStarted);
        }
        clock.moveOn();
        halfStarted = clock.instant();
    }

    /** The wall clock plus a whole number of seconds that {@link #moveOn} adds to. */
    private static final class PassClock extends Clock {
        private long offsetSeconds;

        void moveOn() {
            offsetSeconds++;
        }

        @Override
        public Instant instant() {
            return Instant.now().plusSeconds(offsetSeconds); // one Instant more than the wall clock's: 24 B a call
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the benchmark's clock is UTC");
        }
    }

    /** The full path: build the request as an adapter does, route, guard, verify, parse, record, handle. */
    @Benchmark
    public WebhookResponse ramphook() {
        return deliver(receiver);
    }

    /** The full path with {@link RamphookMetrics} bound to a {@code SimpleMeterRegistry}. */
    @Benchmark
    public WebhookResponse ramphookMetered() {
        return deliver(metered);
    }

    /** The full path with one no-op {@link DeliveryListener}: what reports cost when someone listens. */
    @Benchmark
    public WebhookResponse ramphookListened() {
        return deliver(listened);
    }

    private WebhookResponse deliver(WebhookReceiver to) {
        Payloads.Delivery d = nextDelivery();
        delivered++;
        WebhookResponse response = to.receive(request(d).build());
        if (response.status() != 200) {
            throw new IllegalStateException("delivery answered " + response);
        }
        return response;
    }

    /** The request an adapter builds for {@code d}: the provider's path, token or signature, the usual headers. */
    private WebhookRequest.Builder request(Payloads.Delivery d) {
        WebhookRequest.Builder request = WebhookRequest.builder().method("POST")
                .header("Host", "127.0.0.1:8080")
                .header("User-Agent", "provider-webhooks/1.0")
                .header("Content-Type", "application/json")
                .header("Content-Length", contentLength)
                .remoteAddress("127.0.0.1")
                .body(d.body());
        if (zbd) {
            request.path("/webhooks/zbd").query(ZBD_QUERY);
        } else {
            request.path("/webhooks/mecash").header("X-Signature", d.signature());
        }
        return request;
    }

    /**
     * Diagnostic: the endpoint's authentication alone, on requests built in advance: meCash's HMAC-SHA512 of the
     * body compared with {@code X-Signature} (ZBD's token compare, for symmetry). For meCash it is the floor under
     * {@link #ramphook}: no work of the engine, the reader or the store can take the full path below it.
     */
    @Benchmark
    public Verification ramphookVerify() {
        int at = next;
        Payloads.Delivery d = nextDelivery();
        Verification verdict = authenticator.verify(signed[at], d.body());
        if (!verdict.isOk()) {
            throw new IllegalStateException("the benchmark's own delivery was refused: " + verdict);
        }
        return verdict;
    }

    @Benchmark
    public JsonNode readTree() throws IOException {
        return plain.readTree(nextDelivery().body());
    }

    /** Diagnostic: the library's own reader (limits, duplicate keys, exact decimals), without the rest. */
    @Benchmark
    public ObjectNode ramphookReader() throws InvalidPayloadException {
        return Json.parseObject(nextDelivery().body());
    }

    /**
     * Diagnostic: the JSON part of {@link #ramphook} alone, from the body's bytes to the typed event, its key and its
     * subject (the library's reader, the provider's {@code parse}, its {@code subject}).
     */
    @Benchmark
    public void ramphookParse(Blackhole bh) throws InvalidPayloadException {
        byte[] body = nextDelivery().body();
        Provider p = zbd ? ZbdRamp.provider() : MeCash.provider();
        WebhookEvent<?> event = p.parse(Json.parseObject(body), body);
        bh.consume(event);
        bh.consume(p.subject(event));
    }

    @Benchmark
    public void statusQuo(Blackhole bh) throws IOException {
        dispatch(plain.readTree(nextDelivery().body()), bh);
    }

    @Benchmark
    public void statusQuoVerified(Blackhole bh) throws IOException, GeneralSecurityException {
        Payloads.Delivery d = nextDelivery();
        boolean ok;
        if (zbd) {
            ok = MessageDigest.isEqual(Payloads.ZBD_TOKEN.getBytes(StandardCharsets.UTF_8),
                    ZBD_QUERY.substring("token=".length()).getBytes(StandardCharsets.UTF_8));
        } else {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(Payloads.MECASH_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            ok = MessageDigest.isEqual(mac.doFinal(d.body()), HexFormat.of().parseHex(d.signature()));
        }
        if (!ok) {
            throw new IllegalStateException("forged");
        }
        dispatch(plain.readTree(d.body()), bh);
    }

    /** The integrator's switch: one branch per event they care about, data handed to their code. */
    private static void dispatch(JsonNode tree, Blackhole bh) {
        switch (tree.path("event").asText()) {
            case "RAMP_WIDGET.V1.PAYMENT.SETTLED", "ramp.payout.completed" -> bh.consume(tree.get("data"));
            case "RAMP_WIDGET.V1.PAYMENT.FAILED", "ramp.payout.failed" -> bh.consume(tree.get("data"));
            case "RAMP_WIDGET.V1.WITHDRAWAL.SUCCEEDED", "ramp.payout.pending" -> bh.consume(tree.get("data"));
            default -> bh.consume(tree);
        }
    }
}
