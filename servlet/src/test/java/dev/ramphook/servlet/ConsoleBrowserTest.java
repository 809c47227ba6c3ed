package dev.ramphook.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.receiver.ConsoleSettings;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.testing.http.Seeds;
import dev.ramphook.zbd.ZbdRamp;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.htmlunit.DefaultCredentialsProvider;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator in a (headless, pure-Java) browser: a handler fails three times, the event becomes a dead letter, the
 * operator logs in, finds it, reads its error and its payload (a {@code <script>} in it shows as text and never
 * runs, the webhook URL's token it echoes shows as {@code ***}), fixes the handler, replays it after confirming, and sees it handled. Real HTTP on Jetty 12.
 */
class ConsoleBrowserTest {

    private static final String PASSWORD = "browser-test-password";
    private static final String ZBD_TOKEN = "browser-zbd-token";
    private static final String SCRIPT = "<script>alert('xss')</script>";

    private final AtomicBoolean broken = new AtomicBoolean(true);
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<String> handledUrls = new CopyOnWriteArrayList<>();
    private final List<String> alerts = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;
    private JettyApp app;
    private WebClient browser;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.builder()
                .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of(ZBD_TOKEN))
                .on("*", (event, context) -> {
                    attempts.incrementAndGet();
                    if (broken.get()) {
                        throw new IllegalStateException("ledger service unreachable");
                    }
                    handled.add(event.key());
                    handledUrls.add(event.json().path("url").asText());
                })
                .queued().workers(1)
                .maxAttempts(3)
                .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(20))
                .pollInterval(Duration.ofMillis(50))
                .console(ConsoleSettings.at("/ops").basicAuth("ops", PASSWORD))
                .build();
        app = new JettyApp("/app", context -> {
            FilterHolder filter = new FilterHolder(new WebhookFilter(receiver));
            filter.setAsyncSupported(true);
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
            ServletHolder fallback = new ServletHolder(new HttpServlet() {
                @Override
                protected void service(HttpServletRequest req, HttpServletResponse resp) {
                    resp.setStatus(404);
                }
            });
            fallback.setAsyncSupported(true);
            context.addServlet(fallback, "/");
        }).start();
        browser = new WebClient();
        browser.setAlertHandler((page, message) -> alerts.add(message));
        browser.getOptions().setJavaScriptEnabled(true);
    }

    @AfterEach
    void stop() {
        browser.close();
        app.close();
        receiver.close();
    }

    @Test
    void anOperatorFindsADeadLetterFixesTheCauseReplaysItAndSeesItHandled() throws Exception {
        String id = "evt-" + UUID.randomUUID();
        assertThat(deliver(id)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> attempts.get() == 3 && deadLetterListed(id));

        login();
        HtmlPage overview = browser.getPage(app.uri("/ops/").toURL());
        assertThat(overview.asNormalizedText()).contains("Dead letters").contains("fix the handler, then replay");
        HtmlPage dead = overview.getAnchorByText("Dead letters").click();
        HtmlPage event = dead.getAnchorByText(id).click();
        String text = event.asNormalizedText();
        assertThat(text).contains("dead letter").contains("ledger service unreachable").contains(SCRIPT)
                .contains("Copy as curl").contains("?token=***").doesNotContain(ZBD_TOKEN).doesNotContain(PASSWORD);
        assertThat(event.getElementsByTagName("script")).isEmpty();

        broken.set(false); // the operator fixes the cause, then replays
        HtmlPage confirm = event.getAnchorByText("Replay this dead letter…").click();
        assertThat(confirm.asNormalizedText()).contains("runs the handlers of the 1 dead letter(s)");
        HtmlButton replay = (HtmlButton) confirm.getByXPath("//button[@type='submit']").get(0);
        HtmlPage after = replay.click();

        assertThat(after.getUrl().toString()).endsWith("/ops/dead?replayed=1");
        assertThat(after.asNormalizedText()).contains("Replayed 1 dead letter(s)");
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains(id));
        assertThat(handledUrls).as("a replay hands the handler the body as received, not as shown")
                .containsExactly(app.uri("/webhooks/zbd?token=" + ZBD_TOKEN).toString());
        HtmlPage handledPage = browser.getPage(app.uri("/ops/event?provider=zbd&key=" + id).toURL());
        assertThat(handledPage.asNormalizedText()).contains("handled");
        assertThat(alerts).as("no script from a payload ever ran").isEmpty();
    }

    @Test
    void withoutCredentialsTheBrowserGetsNoPage() {
        assertThatThrownBy(() -> browser.getPage(app.uri("/ops/").toURL()))
                .isInstanceOfSatisfying(FailingHttpStatusCodeException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(401));
    }

    @Test
    void aReplayFormPostedFromAnotherSiteIsRefused() throws Exception {
        login();
        HtmlPage overview = browser.getPage(app.uri("/ops/").toURL());
        assertThat(overview.getWebResponse().getStatusCode()).isEqualTo(200);

        // What a hostile page could make the logged-in browser send: the credentials, but no token of ours.
        org.htmlunit.WebRequest forged = new org.htmlunit.WebRequest(app.uri("/ops/replay").toURL(),
                org.htmlunit.HttpMethod.POST);
        forged.setRequestBody("provider=zbd");
        forged.setAdditionalHeader("Content-Type", "application/x-www-form-urlencoded");
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);

        assertThat(browser.getPage(forged).getWebResponse().getStatusCode()).isEqualTo(403);
    }

    @Test
    void aMistypedTimeShowsTheFormAgainWithTheMessageBesideTheFieldAndTheIconIsServed() throws Exception {
        login();
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        HtmlPage events = browser.getPage(app.uri("/ops/events").toURL());
        org.htmlunit.html.HtmlForm form = events.getForms().get(0);
        form.getInputByName("from").type("yesterday");
        form.getInputByName("name").type("PAYMENT.SETTLED");

        HtmlPage answer = ((HtmlButton) form.getByXPath(".//button[@type='submit']").get(0)).click();

        assertThat(answer.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(answer.getWebResponse().getContentType()).isEqualTo("text/html");
        org.htmlunit.html.HtmlInput from = answer.getForms().get(0).getInputByName("from");
        assertThat(from.getValue()).isEqualTo("yesterday");
        assertThat(from.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(answer.getElementById("from-error").asNormalizedText()).contains("2026-12-06T14:05");
        assertThat(answer.getForms().get(0).getInputByName("name").getValue()).isEqualTo("PAYMENT.SETTLED");
        String icon = answer.getHead().getElementsByTagName("link").get(0).getAttribute("href");
        assertThat(browser.getPage(new java.net.URL(answer.getUrl(), icon)).getWebResponse().getStatusCode())
                .isEqualTo(200);
    }

    private void login() {
        DefaultCredentialsProvider credentials = new DefaultCredentialsProvider();
        credentials.addCredentials("ops", PASSWORD.toCharArray());
        browser.setCredentialsProvider(credentials);
    }

    private boolean deadLetterListed(String id) throws Exception {
        HttpResponse<String> dead = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.uri("/ops/api/dead"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("ops:" + PASSWORD)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return dead.body().contains(id);
    }

    private int deliver(String id) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = (ObjectNode) json.readTree(Seeds.read("zbd/payment-settled.json"));
        body.put("id", id);
        ((ObjectNode) body.path("data").path("metadata")).put("customer_id", SCRIPT);
        body.put("url", app.uri("/webhooks/zbd?token=" + ZBD_TOKEN).toString()); // ZBD echoes the webhook URL
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.uri("/webhooks/zbd?token=" + ZBD_TOKEN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
