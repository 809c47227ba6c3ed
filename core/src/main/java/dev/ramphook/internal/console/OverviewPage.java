package dev.ramphook.internal.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The overview (counts, traffic, backlog, dead letters) and the recent deliveries page. */
final class OverviewPage {

    private static final int CHART_MINUTES = 30;

    private final ConsoleData data;
    private final Clock clock;

    OverviewPage(ConsoleData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    String overview() {
        Instant now = clock.instant();
        ConsoleData.Summary s = data.summary(now);
        int[][] minutes = data.recent().perMinute(now, CHART_MINUTES);
        int lastHourOk = 0;
        int lastHourRefused = 0;
        for (int[] m : data.recent().perMinute(now, 60)) {
            lastHourOk += m[0];
            lastHourRefused += m[1];
        }
        StringBuilder b = new StringBuilder("<div class=\"cards\">");
        card(b, "Pending", s.count("PENDING"), false);
        card(b, "Dead letters", s.count("DEAD"), s.dead() > 0);
        card(b, "Handled (kept)", s.count("DONE"), false);
        card(b, "Oldest pending", s.oldestPending() == null ? "none"
                : Format.age(Duration.between(s.oldestPending(), now)), false);
        card(b, "Deliveries, last hour", String.valueOf(lastHourOk), false);
        card(b, "Refused, last hour", String.valueOf(lastHourRefused), lastHourRefused > 0);
        b.append("</div>");
        b.append("<h2>Deliveries per minute, last ").append(CHART_MINUTES)
                .append(" minutes <span class=\"badge info\">accepted</span> <span class=\"badge bad\">refused"
                        + "</span></h2>");
        b.append(chart(minutes));
        // Handled events are counted for all providers together (the store's stats keep no count per provider).
        b.append("<h2>By provider</h2><table><tr><th>Provider</th><th>Pending</th><th>Dead letters</th></tr>");
        for (Map.Entry<String, Map<String, Long>> p : s.byProvider().entrySet()) {
            b.append("<tr><td>").append(Html.text(p.getKey())).append("</td><td>")
                    .append(p.getValue().getOrDefault("PENDING", 0L)).append("</td><td>")
                    .append(p.getValue().getOrDefault("DEAD", 0L)).append("</td></tr>");
        }
        b.append("</table>");
        if (s.dead() > 0) {
            b.append("<p class=\"alert\">").append(s.dead()).append(" dead letter(s) wait for an operator: "
                    + "<a href=\"dead\">fix the handler, then replay them</a>.</p>");
        }
        if (s.note() != null) {
            b.append("<p class=\"note\">").append(Html.text(s.note())).append("</p>");
        }
        return b.toString();
    }

    String recent() {
        List<RecentDeliveries.Entry> entries = data.recent().newest(RecentDeliveries.CAPACITY);
        StringBuilder b = new StringBuilder("<p>The last ").append(RecentDeliveries.CAPACITY)
                .append(" requests to the webhook endpoints, refused ones included, kept in memory only ("
                        + data.recent().total() + " since start).</p>");
        b.append("<table><tr><th>Received (UTC)</th><th>Endpoint</th><th>Event</th><th>Key</th><th>Outcome</th>"
                + "<th>Status</th><th>Reason</th><th>From</th></tr>");
        for (RecentDeliveries.Entry e : entries) {
            b.append("<tr><td class=\"mono\">").append(Format.time(e.at())).append("</td><td class=\"mono\">")
                    .append(Html.text(e.endpoint())).append("</td><td class=\"mono\">").append(Html.text(e.event()))
                    .append("</td><td class=\"mono\">");
            if (e.key() != null && e.provider() != null && !e.refused()) {
                b.append(Format.eventLink(e.provider(), e.key()));
            } else {
                b.append(Html.text(e.key()));
            }
            b.append("</td><td>").append(Html.badge(e.outcome(), e.refused() ? "bad" : e.status() >= 500 ? "warn"
                    : "ok")).append("</td><td>").append(e.status()).append("</td><td>").append(Html.text(e.detail()))
                    .append("</td><td class=\"mono\">").append(Html.text(e.remote())).append("</td></tr>");
        }
        if (entries.isEmpty()) {
            b.append("<tr><td colspan=\"8\">No delivery since this receiver started.</td></tr>");
        }
        return b.append("</table>").toString();
    }

    private static void card(StringBuilder b, String label, Object value, boolean bad) {
        b.append("<div class=\"card").append(bad ? " bad" : "").append("\"><div class=\"n\">")
                .append(Html.text(String.valueOf(value))).append("</div><div class=\"l\">").append(Html.text(label))
                .append("</div></div>");
    }

    /** Bars in tenths of the busiest minute; heights are CSS classes, since the CSP allows no inline style. */
    private static String chart(int[][] minutes) {
        int max = 1;
        for (int[] m : minutes) {
            max = Math.max(max, Math.max(m[0], m[1]));
        }
        StringBuilder b = new StringBuilder("<div class=\"bars\">");
        for (int[] m : minutes) {
            b.append("<span class=\"h").append(tenths(m[0], max)).append("\" title=\"").append(m[0])
                    .append(" accepted\"></span><span class=\"r h").append(tenths(m[1], max)).append("\" title=\"")
                    .append(m[1]).append(" refused\"></span>");
        }
        return b.append("</div>").toString();
    }

    private static int tenths(int n, int max) {
        return n == 0 ? 0 : Math.max(1, (int) Math.round(10.0 * n / max));
    }
}
