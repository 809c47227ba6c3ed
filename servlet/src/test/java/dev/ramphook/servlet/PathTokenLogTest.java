package dev.ramphook.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.zbd.ZbdRamp;
import jakarta.servlet.DispatcherType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.Test;

/** A {@link UrlToken#pathSegment} token is the last segment of the request path: the filter's log lines omit it. */
class PathTokenLogTest {

    private static final String TOKEN = "path-segment-token-9c41f2";

    @Test
    void theBlockingReadWarningNamesTheEndpointNotTheRequestPath() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        int status;
        try (WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.pathSegment(TOKEN)).inline().build();
             JettyApp app = new JettyApp("/", context -> {
                 FilterHolder filter = new FilterHolder(new WebhookFilter(receiver));
                 filter.setAsyncSupported(false); // the body is read on the container thread: one WARN line
                 context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
             }).start()) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            app.uri("/webhooks/zbd/" + TOKEN)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"x\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
        } finally {
            System.setErr(original);
        }

        assertThat(status).isLessThan(500);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("read on a blocking container thread")
                .contains("/webhooks/zbd").doesNotContain(TOKEN);
    }
}
