package dev.ramphook.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** What an operator reads on the pages: form errors in place, an icon, a chart with an axis, no bare tables. */
class ConsolePagesTest {

    @AutoClose
    private final ConsoleApp app = new ConsoleApp();

    @Test
    void aMalformedTimeFilterAnswersTheFormWithTheMessageNextToTheField() throws Exception {
        HttpResponse<String> page = app.page("/ops/events?from=yesterday&name=PAYMENT.SETTLED");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/html"));
        String html = page.body();
        assertThat(html).contains("<form class=\"filters\"");
        Matcher from = Pattern.compile("<input name=\"from\"[^>]*>").matcher(html);
        assertThat(from.find()).isTrue();
        assertThat(from.group()).contains("value=\"yesterday\"").contains("aria-invalid=\"true\"")
                .contains("aria-describedby=\"from-error\"").contains("placeholder=\"2026-12-06T14:05\"");
        assertThat(html.substring(from.end())).startsWith("<small class=\"error\" id=\"from-error\">")
                .contains("2026-12-06T14:05:00Z");
        assertThat(html).contains("value=\"PAYMENT.SETTLED\""); // the rest of the form is kept as typed
    }

    @Test
    void aDateAloneIsTheStartOfThatDayInUtc() throws Exception {
        assertThat(app.page("/ops/events?from=2026-12-06").statusCode()).isEqualTo(200);
        assertThat(app.page("/ops/dead?to=2026-12-06").statusCode()).isEqualTo(200);
    }

    @Test
    void aMalformedPageNumberAnswersHtmlWithTheFormAndJsonEndpointsKeepJsonErrors() throws Exception {
        HttpResponse<String> page = app.page("/ops/events?page=abc");
        HttpResponse<String> dead = app.page("/ops/dead?from=2026-12-6");
        HttpResponse<String> api = app.get("/ops/api/events?from=yesterday", "Bearer " + ConsoleApp.TOKEN);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("<form class=\"filters\"").contains("page must be a whole number");
        assertThat(dead.statusCode()).isEqualTo(400);
        assertThat(dead.body()).contains("id=\"from-error\"");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(api.body()).startsWith("{\"status\":\"error\"");
    }

    @Test
    void everyPageLinksAnIconServedUnderTheConsolePath() throws Exception {
        assertThat(app.page("/ops/").body()).contains("<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">");
        assertThat(app.page("/ops/events").body()).contains("href=\"favicon.svg\"");

        HttpResponse<String> icon = app.page("/ops/favicon.svg");

        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).contains("image/svg+xml");
        assertThat(icon.body()).startsWith("<svg").doesNotContain("<script").doesNotContain("style=");
        assertThat(app.get("/ops/favicon.svg", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theChartCoversTheLastHourWithATimeAxisAndBarsThatSayWhatTheyCount() throws Exception {
        app.deliver("SHOP.V1.ORDER.PAID", "c-1");
        app.post("/webhooks/shop", "application/json", "not json");

        String html = app.page("/ops/").body();

        assertThat(html).contains("Requests per minute, last hour (UTC)");
        Matcher bar = Pattern.compile("title=\"(\\d\\d:\\d\\d) UTC: (\\d+) accepted, (\\d+) refused\"").matcher(html);
        String first = null;
        int bars = 0;
        int accepted = 0;
        int refused = 0;
        while (bar.find()) {
            first = first == null ? bar.group(1) : first;
            bars++;
            accepted += Integer.parseInt(bar.group(2));
            refused += Integer.parseInt(bar.group(3));
        }
        assertThat(bars).isEqualTo(60);
        assertThat(accepted).isEqualTo(1);
        assertThat(refused).isEqualTo(1);
        // the axis starts at the first column's minute and ends at now
        assertThat(html).contains("<div class=\"axis\"><span>" + first + "</span>").contains("<span>now</span></div>");
    }

    @Test
    void datesPathsAndAddressesNeverBreakMidWordOnlyOpaqueTokensDo() throws Exception {
        app.deliver("SHOP.V1.ORDER.PAID", "w-1");

        String html = app.page("/ops/recent").body();

        assertThat(html).doesNotContain("break-all").contains("<td class=\"time\">");
        assertThat(html).containsPattern("\\.time\\{[^}]*white-space:nowrap")
                .containsPattern("\\.token\\{[^}]*overflow-wrap:anywhere");
    }

    @Test
    void emptyTablesSayWhatIsMissingInsteadOfABareHeaderRow() throws Exception {
        assertThat(app.page("/ops/").body()).contains("No events yet");
        assertThat(app.page("/ops/recent").body()).contains("No deliveries yet");
        assertThat(app.page("/ops/dead").body()).contains("No dead letters yet");
        assertThat(app.page("/ops/events").body()).contains("No events yet");
        assertThat(app.page("/ops/events?name=NO.SUCH").body()).contains("No event matches");
    }

    @Test
    void inlineAFailedEventWaitsForTheProvidersRedeliveryNotForANextAttemptNow() throws Exception {
        try (ConsoleApp inline = new ConsoleApp(false)) {
            assertThat(inline.deliver("SHOP.V1.ORDER.PAID", "i-1").statusCode()).isEqualTo(500);

            String html = inline.page("/ops/event?provider=shop&key=SHOP.V1.ORDER.PAID:i-1").body();

            assertThat(html).contains("<dt>Next attempt</dt><dd>when the provider redelivers it");
            assertThat(html).doesNotContain("Next attempt (UTC)");
        }
    }
}
