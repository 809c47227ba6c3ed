package dev.ramphook.console;

import static dev.ramphook.console.ConsoleApp.PASSWORD;
import static dev.ramphook.console.ConsoleApp.TOKEN;
import static dev.ramphook.console.ConsoleApp.USER;
import static dev.ramphook.console.ConsoleApp.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.List;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The console's own safety over real HTTP: authentication, CSRF, escaping, and the headers every answer carries. */
class ConsoleSafetyTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @AutoClose
    private final ConsoleApp app = new ConsoleApp();

    @ParameterizedTest
    @ValueSource(strings = {"/ops/", "/ops/events", "/ops/dead", "/ops/api/events", "/ops/api/overview",
            "/ops/event?provider=shop&key=x"})
    void everyPageAndApiNeedsCredentialsAndARefusalNeverTouchesTheStore(String path) throws Exception {
        int before = app.storeCalls.get();

        HttpResponse<String> none = app.get(path, null);
        HttpResponse<String> wrongPassword = app.get(path, basic(USER, PASSWORD + "x"));
        HttpResponse<String> wrongUser = app.get(path, basic("admin", PASSWORD));
        HttpResponse<String> wrongToken = app.get(path, "Bearer " + TOKEN.substring(1));
        HttpResponse<String> garbage = app.get(path, "Basic %%%not-base64");

        for (HttpResponse<String> refused : List.of(none, wrongPassword, wrongUser, wrongToken, garbage)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).doesNotContain(PASSWORD).doesNotContain(TOKEN);
            assertThat(refused.headers().firstValue("Cache-Control")).contains("no-store");
        }
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Basic realm="));
        assertThat(app.storeCalls.get()).isEqualTo(before);
    }

    @Test
    void basicCredentialsAndTheBearerTokenAreBothAccepted() throws Exception {
        assertThat(app.page("/ops/").statusCode()).isEqualTo(200);
        assertThat(app.get("/ops/api/overview", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void pagesForbidFramingCachingScriptsAndOutsideAssets() throws Exception {
        HttpResponse<String> page = app.page("/ops/");

        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'").contains("form-action 'self'")
                .doesNotContain("unsafe-inline").doesNotContain("script-src");
        Matcher nonce = Pattern.compile("style-src 'nonce-([^']+)'").matcher(csp);
        assertThat(nonce.find()).isTrue();
        assertThat(page.body()).contains("<style nonce=\"" + nonce.group(1) + "\">")
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain(" style=\"");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/html"));
        assertThat(app.page("/ops/events").headers().firstValue("Content-Security-Policy").orElseThrow())
                .doesNotContain(nonce.group(1));
    }

    @Test
    void aScriptInAPayloadIsShownAsTextOnEveryPage() throws Exception {
        String evil = "<script>alert('x')</script>";
        app.deliver("SHOP.V1.ORDER.PAID", evil + "\"><img src=x onerror=alert(1)>");
        app.deliver(evil, "plain");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.page("/ops/api/dead").body().contains("alert"));

        for (String path : new String[] {"/ops/", "/ops/recent", "/ops/events", "/ops/dead", "/ops/replay",
                "/ops/event?provider=shop&key=" + java.net.URLEncoder.encode("SHOP.V1.ORDER.PAID:" + evil
                        + "\"><img src=x onerror=alert(1)>", java.nio.charset.StandardCharsets.UTF_8)}) {
            String body = app.page(path).body();
            assertThat(body).as(path).doesNotContain("<script>").doesNotContain("<img");
        }
        String detail = app.page("/ops/event?provider=shop&key=" + java.net.URLEncoder.encode("SHOP.V1.ORDER.PAID:"
                + evil + "\"><img src=x onerror=alert(1)>", java.nio.charset.StandardCharsets.UTF_8)).body();
        assertThat(detail).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }

    @Test
    void aReplayPostWithoutAValidCsrfTokenIsRefusedAndReplaysNothing() throws Exception {
        app.deliver("SHOP.V1.ORDER.PAID", "o-1");
        awaitDead(1);
        String auth = basic(USER, PASSWORD);

        HttpResponse<String> noToken = app.post("/ops/replay", "application/x-www-form-urlencoded", "", "Authorization",
                auth);
        HttpResponse<String> forged = app.post("/ops/replay", "application/x-www-form-urlencoded",
                "csrf=" + (System.currentTimeMillis() / 1000) + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "Authorization", auth);
        String token = csrfFromConfirmationPage();
        HttpResponse<String> crossSite = app.post("/ops/replay", "application/x-www-form-urlencoded",
                "csrf=" + token, "Authorization", auth, "Sec-Fetch-Site", "cross-site");
        HttpResponse<String> unauthenticated = app.post("/ops/replay", "application/x-www-form-urlencoded",
                "csrf=" + token);
        HttpResponse<String> apiWithoutToken = app.post("/ops/api/replay", "application/json", "{}",
                "Authorization", auth);

        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(apiWithoutToken.statusCode()).isEqualTo(403);
        assertThat(app.page("/ops/api/dead").body()).contains("o-1");
    }

    @Test
    void theConfirmationPagesTokenReplaysAndRedirectsBackToTheDeadLetters() throws Exception {
        app.deliver("SHOP.V1.ORDER.PAID", "o-2");
        awaitDead(1);
        app.broken.set(false);

        HttpResponse<String> replay = app.post("/ops/replay", "application/x-www-form-urlencoded",
                "csrf=" + csrfFromConfirmationPage(), "Authorization", basic(USER, PASSWORD),
                "Sec-Fetch-Site", "same-origin");

        assertThat(replay.statusCode()).isEqualTo(303);
        assertThat(replay.headers().firstValue("Location")).contains("dead?replayed=1");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.handled.get() == 1);
        assertThat(app.page("/ops/event?provider=shop&key=SHOP.V1.ORDER.PAID:o-2").body()).contains("handled");
    }

    @Test
    void theConsolePathWithoutSlashRedirectsBelowItSoRelativeLinksWork() throws Exception {
        HttpResponse<String> bare = app.page("/ops");

        assertThat(bare.statusCode()).isEqualTo(303);
        assertThat(bare.headers().firstValue("Location")).contains("ops/");
    }

    @Test
    void badConsoleInputIsA4xxNeverA500() throws Exception {
        assertThat(app.page("/ops/events?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(app.page("/ops/events?state=sleeping").statusCode()).isEqualTo(400);
        assertThat(app.page("/ops/events?page=-1").statusCode()).isEqualTo(400);
        assertThat(app.page("/ops/event").statusCode()).isEqualTo(400);
        assertThat(app.page("/ops/nothing").statusCode()).isEqualTo(404);
        assertThat(app.page("/ops/event?provider=shop&key=unknown").statusCode()).isEqualTo(404);
        assertThat(app.post("/ops/api/replay", "application/json", "[1,2]", "Authorization", "Bearer " + TOKEN)
                .statusCode()).isEqualTo(400);
    }

    private String csrfFromConfirmationPage() throws Exception {
        Matcher m = CSRF.matcher(app.page("/ops/replay").body());
        assertThat(m.find()).as("the confirmation page carries a CSRF token").isTrue();
        return m.group(1);
    }

    private void awaitDead(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .build().readTree(app.page("/ops/api/dead").body()).size() == count);
    }
}
