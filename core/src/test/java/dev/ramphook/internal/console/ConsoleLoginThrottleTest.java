package dev.ramphook.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.store.EventStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Brute force against the console: wrong passwords from one address are throttled (429 with a growing
 * {@code Retry-After}, capped), the right password from that address is refused too while it is locked out, another
 * address is never affected, one WARN per source per minute, and the table of sources stays bounded. Time is a
 * settable clock: nothing sleeps.
 */
class ConsoleLoginThrottleTest {

    private static final String PASSWORD = "correct horse battery";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Console console = new Console(new ConsoleConfig("/ops", "ops",
            PASSWORD.getBytes(StandardCharsets.UTF_8), null), new ConsoleData(EventStore.inMemory(), List.of(),
            null), clock);

    @Test
    void afterFiveWrongPasswordsTheSourceGets429WithAGrowingCappedRetryAfter() {
        for (int i = 1; i <= 4; i++) {
            assertThat(login("10.0.0.1", "guess-" + i).status()).as("guess " + i).isEqualTo(401);
        }
        WebhookResponse fifth = login("10.0.0.1", "guess-5");
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.headers().get("Retry-After")).isEqualTo("1");

        // While locked: every request is 429, the right password included, and nothing more is learnt or counted.
        WebhookResponse right = login("10.0.0.1", PASSWORD);
        assertThat(right.status()).isEqualTo(429);
        assertThat(right.headers().get("Retry-After")).isEqualTo("1");

        long previous = 1;
        for (int i = 6; i <= 20; i++) {
            clock.advance(Duration.ofSeconds(previous));
            WebhookResponse next = login("10.0.0.1", "guess-" + i);
            long retry = Long.parseLong(next.headers().get("Retry-After"));
            assertThat(next.status()).isEqualTo(429);
            assertThat(retry).isEqualTo(Math.min(previous * 2, LoginThrottle.MAX_LOCKOUT.toSeconds()));
            previous = retry;
        }
        assertThat(previous).isEqualTo(900);

        // Another address with the right password is unaffected, as is the locked one once its lockout is over.
        assertThat(login("10.0.0.2", PASSWORD).status()).isNotEqualTo(429).isNotEqualTo(401);
        clock.advance(Duration.ofSeconds(previous));
        assertThat(console.screen(request("10.0.0.1", basic(PASSWORD)))).isNull();
        assertThat(login("10.0.0.1", "guess-after").status()).as("a success forgets the failures").isEqualTo(401);
    }

    @Test
    void oneWarnPerSourcePerMinuteNotOnePerGuess() {
        for (int i = 0; i < 1_000; i++) {
            login("10.0.0.9", "guess-" + i);
        }
        assertThat(console.throttle().warnings()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 1_000; i++) {
            login("10.0.0.9", "guess-" + i);
            login("10.0.0.8", "guess-" + i);
        }
        assertThat(console.throttle().warnings()).isEqualTo(3);
    }

    @Test
    void aRequestWithoutCredentialsIsChallengedWithoutCounting() {
        for (int i = 0; i < 20; i++) {
            assertThat(console.screen(request("10.0.0.3", null)).status()).isEqualTo(401);
        }
        assertThat(console.screen(request("10.0.0.3", basic(PASSWORD)))).isNull();
    }

    @Test
    void aFloodFromManyAddressesKeepsABoundedTable() {
        for (int i = 0; i < LoginThrottle.MAX_SOURCES + 5_000; i++) {
            login("spoofed-" + i, "guess");
        }
        assertThat(console.throttle().size()).isEqualTo(LoginThrottle.MAX_SOURCES);
        assertThat(console.screen(request("10.0.0.4", basic(PASSWORD)))).isNull();
    }

    private WebhookResponse login(String source, String password) {
        WebhookResponse answer = console.screen(request(source, basic(password)));
        return answer == null ? console.serve(request(source, basic(password))) : answer;
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("ops:" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static WebhookRequest request(String source, String authorization) {
        WebhookRequest.Builder b = WebhookRequest.builder().method("GET").path("/ops/").remoteAddress(source);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
