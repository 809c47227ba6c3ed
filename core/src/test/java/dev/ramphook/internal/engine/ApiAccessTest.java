package dev.ramphook.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramphook.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.Authenticator;
import dev.ramphook.auth.UrlToken;
import java.io.ByteArrayInputStream;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ApiAccessTest {

    @Test
    void buildsAJsonAnswer() {
        WebhookResponse answer = ApiAccess.json(409, "{\"status\":\"in_progress\"}", Map.of("Retry-After", "5"));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.headers()).containsExactly(Map.entry("Retry-After", "5"));
        assertThat(answer.bodyText()).isEqualTo("{\"status\":\"in_progress\"}");
    }

    @Test
    void answersCanBeBuiltBeforeAnyReceiverClassIsInitialised() throws Exception {
        // A class loader of its own, so that WebhookReceiver (the granter) is not yet initialised in it.
        URL[] roots = {root(WebhookReceiver.class), root(ObjectMapper.class), root(JsonParser.class),
                root(JsonAutoDetect.class), root(LoggerFactory.class)};
        try (URLClassLoader fresh = new URLClassLoader(roots, ClassLoader.getPlatformClassLoader())) {
            Class<?> access = fresh.loadClass(ApiAccess.class.getName());
            assertThat(access).isNotSameAs(ApiAccess.class);

            Object answer = access.getMethod("json", int.class, String.class, Map.class)
                    .invoke(null, 202, "{}", Map.of());

            assertThat(answer.getClass().getMethod("status").invoke(answer)).isEqualTo(202);
        }
    }

    @Test
    void anAdaptersBodyIsKeptWithoutACopy() throws Exception {
        byte[] body = bytes(3);
        WebhookRequest request = ApiAccess.body(WebhookRequest.builder().path("/p"), body).build();

        assertThat(ApiAccess.readBody(request, 10, Clock.systemUTC(), Instant.MAX)).isSameAs(body);
    }

    @Test
    void readsBytesUpToTheLimit() throws Exception {
        WebhookRequest request = WebhookRequest.builder().path("/p").body(new ByteArrayInputStream(bytes(10))).build();

        assertThat(ApiAccess.readBody(request, 10, Clock.systemUTC(), Instant.MAX)).hasSize(10);
    }

    @Test
    void aBodyOverTheLimitIsNull() throws Exception {
        WebhookRequest request = WebhookRequest.builder().path("/p").body(new ByteArrayInputStream(bytes(11))).build();

        assertThat(ApiAccess.readBody(request, 10, Clock.systemUTC(), Instant.MAX)).isNull();
    }

    @Test
    void aDeadlinePassedWhileReadingIsATimeout() {
        Clock late = Clock.fixed(Instant.parse("2026-01-01T00:00:10Z"), ZoneOffset.UTC);
        WebhookRequest request = WebhookRequest.builder().path("/p").body(new ByteArrayInputStream(bytes(10))).build();

        assertThatThrownBy(() -> ApiAccess.readBody(request, 100, late, Instant.parse("2026-01-01T00:00:00Z")))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void isNoneOnlyForTheOptOutItself() {
        assertThat(ApiAccess.isNone(Authenticator.none())).isTrue();
        assertThat(ApiAccess.isNone(Authenticator.allOf(Authenticator.none()))).isFalse();
        assertThat(ApiAccess.isNone(UrlToken.of("t0k3n-t0k3n-t0k3n"))).isFalse();
    }

    private static byte[] bytes(int n) {
        return "x".repeat(n).getBytes(StandardCharsets.US_ASCII);
    }

    private static URL root(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
