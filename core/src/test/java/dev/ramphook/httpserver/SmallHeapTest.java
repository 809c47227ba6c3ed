package dev.ramphook.httpserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiver in a JVM of its own with a 48 MiB heap ({@link SmallHeapReceiver}: the JDK server, inline handling)
 * under many concurrent 1 MiB signed deliveries, then the counts: every 200 has its handled event, every other
 * answer is a non-2xx (the bound on bodies in flight answers 503 early instead of the heap running out), and the
 * receiver answers a delivery normally afterwards.
 *
 * <p>At least one 200 is certain, not lucky: the bound on bodies in flight starts empty and holds at least one body,
 * so the first delivery to reach it reserves, and nothing timed stands between that reservation and its 200 (the
 * in-memory store is called directly, the receiver's body read timeout is longer than this test may run, and the
 * senders wait for their answers without a timeout of their own; the test's own bound is JUnit's default timeout).
 * With a 30 s timeout per request, a loaded machine (load ~25 on 2 cores) failed it: the deliveries holding the
 * bound are starved while the storm's refusals take the CPU, and answered after the senders gave up on them, so
 * handled events were counted as no answer and the storm had no 200 at all.
 */
class SmallHeapTest {

    private static final int DELIVERIES = 200;
    private static final int SENDERS = 48;
    private static final int BODY_BYTES = 1024 * 1024 - 1024;

    @Test
    void underLargeConcurrentDeliveriesEvery200IsHandledAndEveryOtherAnswerIsNon2xx(@TempDir Path dir)
            throws Exception {
        Path portFile = dir.resolve("port");
        Path log = dir.resolve("receiver.log");
        Process receiver = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m",
                "-cp", System.getProperty("java.class.path"), SmallHeapReceiver.class.getName(), portFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(portFile) || !receiver.isAlive());
            assertThat(receiver.isAlive()).as("receiver started; its log: %s", read(log)).isTrue();
            URI base = URI.create("http://127.0.0.1:" + Files.readString(portFile).trim());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

            Map<String, Integer> answers = new ConcurrentHashMap<>(); // id -> status, 0 when no answer came
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < DELIVERIES; i++) {
                String id = "heap-" + i;
                sent.add(senders.submit(() -> answers.put(id, deliver(http, base, id))));
            }
            for (Future<?> f : sent) {
                f.get(); // no timeout of our own: a sender never gives up on a delivery the receiver is handling
            }
            senders.shutdown();

            Set<String> handled = handled(http, base);
            Set<String> ok = answers.entrySet().stream().filter(e -> e.getValue() / 100 == 2)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            Map<Integer, Long> byStatus = answers.values().stream()
                    .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
            System.out.printf("[small heap] %d deliveries of %d KiB, %d senders, -Xmx48m: answers by status %s,"
                    + " handled %d%n", DELIVERIES, BODY_BYTES / 1024, SENDERS, byStatus, handled.size());

            assertThat(receiver.isAlive()).as("receiver alive; its log: %s", read(log)).isTrue();
            assertThat(handled).as("every 200 was handled").containsAll(ok);
            assertThat(answers).as("every answer that is not a 200 is a non-2xx (0: none came)")
                    .allSatisfy((id, status) -> assertThat(status == 200 || status / 100 != 2).isTrue());
            assertThat(ok).as("some deliveries get through").isNotEmpty();
            // Afterwards the receiver answers normally: a fresh delivery is a 200, and handled.
            assertThat(deliver(http, base, "after")).isEqualTo(200);
            assertThat(handled(http, base)).contains("after");
        } finally {
            receiver.destroy();
            receiver.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int deliver(HttpClient http, URI base, String id) {
        try {
            StringBuilder json = new StringBuilder(BODY_BYTES + 256)
                    .append("{\"event\":\"ramp.payout.completed\",\"data\":{\"id\":\"").append(id)
                    .append("\",\"type\":\"SEND\",\"category\":\"OFF_RAMP\",\"state\":\"COMPLETED\"},\"padding\":\"");
            while (json.length() < BODY_BYTES - 2) {
                json.append('x');
            }
            byte[] body = json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
            // No request timeout: a delivery that holds the bound may wait for the CPU for as long as the storm lasts.
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/webhooks/mecash"))
                    .header("Content-Type", "application/json")
                    .header("X-Signature", hmacSha512Hex(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode();
        } catch (IOException e) {
            return 0; // no answer: not an acknowledgement
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> handled(HttpClient http, URI base) throws Exception {
        String body = http.send(HttpRequest.newBuilder(base.resolve("/handled")).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.isEmpty() ? Set.of() : new HashSet<>(List.of(body.split("\n")));
    }

    private static String hmacSha512Hex(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(SmallHeapReceiver.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static String read(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
