package dev.ramphook.internal.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The overview (counts, traffic, backlog, dead letters) and the recent deliveries page. */
final class OverviewPage {

    /** The chart's window, the README's "last hour". */
    private static final int CHART_MINUTES = 60;

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
        for (int[] m : minutes) {
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
        b.append("<h2>Requests per minute, last hour (UTC) <span class=\"badge info\">accepted</span> <span"
                + " class=\"badge bad\">refused</span></h2>");
        b.append(chart(minutes, Math.floorDiv(now.getEpochSecond(), 60) - minutes.length + 1));
        // Handled events are counted for all providers together (the store's stats keep no count per provider).
        b.append("<h2>By provider</h2>");
        if (s.byProvider().isEmpty()) {
            b.append(Html.empty("No events yet: none is pending or dead for any provider."));
        } else {
            b.append("<table><tr><th>Provider</th><th>Pending</th><th>Dead letters</th></tr>");
            for (Map.Entry<String, Map<String, Long>> p : s.byProvider().entrySet()) {
                b.append("<tr><td>").append(Html.text(p.getKey())).append("</td><td>")
                        .append(p.getValue().getOrDefault("PENDING", 0L)).append("</td><td>")
                        .append(p.getValue().getOrDefault("DEAD", 0L)).append("</td></tr>");
            }
            b.append("</table>");
        }
        if (s.dead() > 0) {
            b.append("<p class=\"alert\">").append(s.dead()).append(" dead letter(s) wait for an operator: "
                    + "<a href=\"dead\">fix the handler, then replay them</a>.</p>");
        }
        if (s.note() != null) {
            b.append("<p class=\"note\">").append(Html.text(s.note())).append("</p>");
        }
        return b.toString();
    }

    /** Rows per page of recent deliveries. */
    static final int RECENT_PAGE = 100;

    /** The ring, newest first, filtered by outcome ({@code refused}, {@code accepted} or a code), status, provider. */
    Pages.Shown recent(Params p) {
        Map<String, String> errors = EventPages.errors(p, "status", "page");
        if (!errors.isEmpty()) {
            return new Pages.Shown(400, EventPages.formErrors(errors, "page") + recentFilters(p, errors));
        }
        List<RecentDeliveries.Entry> all = data.recent().newest(filter(p));
        int page = p.number("page", 0, RecentDeliveries.CAPACITY / RECENT_PAGE);
        List<RecentDeliveries.Entry> entries = all.subList(Math.min(all.size(), page * RECENT_PAGE),
                Math.min(all.size(), (page + 1) * RECENT_PAGE));
        StringBuilder b = new StringBuilder("<p>The last ").append(RecentDeliveries.CAPACITY)
                .append(" requests to the webhook endpoints, refused ones included, kept in memory only ("
                        + data.recent().total() + " since start).</p>");
        b.append(recentFilters(p, Map.of()));
        if (entries.isEmpty()) {
            b.append(Html.empty(recentFiltered(p) || page > 0 ? "No delivery matches this filter."
                    : "No deliveries yet since this receiver started."));
            return new Pages.Shown(200, b.toString());
        }
        b.append("<table><tr><th>Received (UTC)</th><th>Endpoint</th><th>Event</th><th>Key</th><th>Outcome</th>"
                + "<th>Status</th><th>Reason</th><th>From</th></tr>");
        for (RecentDeliveries.Entry e : entries) {
            b.append("<tr><td class=\"time\">").append(Format.time(e.at())).append("</td><td class=\"mono\">")
                    .append(Html.text(e.endpoint())).append("</td><td class=\"mono\">")
                    .append(Html.breakable(e.event())).append("</td><td class=\"mono token\">");
            if (e.key() != null && e.provider() != null && !e.refused()) {
                b.append(Format.eventLink(e.provider(), e.key()));
            } else {
                b.append(Html.breakable(e.key()));
            }
            b.append("</td><td>").append(Html.badge(e.outcome(), e.refused() ? "bad" : e.status() >= 500 ? "warn"
                    : "ok")).append("</td><td>").append(e.status()).append("</td><td>").append(Html.text(e.detail()))
                    .append("</td><td class=\"mono\">").append(Html.text(e.remote())).append("</td></tr>");
        }
        b.append("</table><div class=\"pager\">");
        if (page > 0) {
            b.append("<a href=\"recent?").append(Html.text(keepRecent(p, page - 1))).append("\">&larr; newer</a>");
        }
        if (all.size() > (page + 1) * RECENT_PAGE) {
            b.append("<a href=\"recent?").append(Html.text(keepRecent(p, page + 1))).append("\">older &rarr;</a>");
        }
        b.append("<span>").append(all.size()).append(" matching</span></div>");
        return new Pages.Shown(200, b.toString());
    }

    /** Which entries of the ring the filter fields select; they were validated before. */
    static java.util.function.Predicate<RecentDeliveries.Entry> filter(Params p) {
        String outcome = p.getOrNull("outcome");
        String provider = p.getOrNull("provider");
        int status = p.number("status", 0, 999);
        return e -> (outcome == null || (outcome.equals("refused") ? e.refused()
                : outcome.equals("accepted") ? !e.refused() : outcome.equals(e.outcome())))
                && (provider == null || provider.equals(e.provider()))
                && (status == 0 || e.status() == status);
    }

    private static boolean recentFiltered(Params p) {
        return p.get("outcome").isPresent() || p.get("provider").isPresent() || p.get("status").isPresent();
    }

    private static String keepRecent(Params p, int page) {
        StringBuilder q = new StringBuilder();
        for (String name : List.of("outcome", "status", "provider")) {
            p.get(name).ifPresent(v -> q.append(name).append('=').append(Format.url(v)).append('&'));
        }
        return q.append("page=").append(page).toString();
    }

    private String recentFilters(Params p, Map<String, String> errors) {
        StringBuilder b = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"recent\">"
                + "<label>Outcome<select name=\"outcome\">");
        String outcome = p.get("outcome").orElse("");
        for (String[] o : new String[][] {{"", "any"}, {"refused", "refused only (4xx)"},
                {"accepted", "not refused"}}) {
            b.append("<option value=\"").append(o[0]).append('"').append(o[0].equals(outcome) ? " selected" : "")
                    .append('>').append(o[1]).append("</option>");
        }
        b.append("</select></label>");
        Html.input(b, "Status", "status", p, "401", errors);
        b.append("<label>Provider<select name=\"provider\"><option value=\"\">any</option>");
        for (String provider : data.providers()) {
            b.append("<option").append(provider.equals(p.getOrNull("provider")) ? " selected" : "").append('>')
                    .append(Html.text(provider)).append("</option>");
        }
        return b.append("</select></label><button type=\"submit\">Filter</button></form>").toString();
    }

    private static void card(StringBuilder b, String label, Object value, boolean bad) {
        b.append("<div class=\"card").append(bad ? " bad" : "").append("\"><div class=\"n\">")
                .append(Html.text(String.valueOf(value))).append("</div><div class=\"l\">").append(Html.text(label))
                .append("</div></div>");
    }

    private static final java.time.format.DateTimeFormatter HH_MM = java.time.format.DateTimeFormatter
            .ofPattern("HH:mm").withZone(java.time.ZoneOffset.UTC);

    /**
     * One column a minute, oldest first, each with its accepted and refused bar in tenths of the busiest minute
     * (heights are CSS classes, since the CSP allows no inline style), its minute and counts as a tooltip, and a
     * time axis under it: the first minute, every quarter of an hour, and now.
     */
    private static String chart(int[][] minutes, long firstMinute) {
        int max = 1;
        for (int[] m : minutes) {
            max = Math.max(max, Math.max(m[0], m[1]));
        }
        StringBuilder b = new StringBuilder("<div class=\"chart\"><div class=\"bars\">");
        for (int i = 0; i < minutes.length; i++) {
            int[] m = minutes[i];
            b.append("<div class=\"m\" title=\"").append(HH_MM.format(Instant.ofEpochSecond((firstMinute + i) * 60)))
                    .append(" UTC: ").append(m[0]).append(" accepted, ").append(m[1]).append(" refused\">")
                    .append("<span class=\"a h").append(tenths(m[0], max)).append("\"></span><span class=\"r h")
                    .append(tenths(m[1], max)).append("\"></span></div>");
        }
        b.append("</div><div class=\"axis\">");
        for (int i = 0; i < minutes.length - 1; i += 15) {
            b.append("<span>").append(HH_MM.format(Instant.ofEpochSecond((firstMinute + i) * 60))).append("</span>");
        }
        b.append("<span>now</span></div></div><p class=\"legend\">Each column is one minute; its bars are scaled to"
                + " the busiest minute (").append(max).append(" requests). Accepted: answered without refusal"
                + " (recorded, duplicates, and 5xx when a handler or the store failed). Refused: answered 4xx"
                + " (forged, malformed, too large, wrong method or type); see <a href=\"recent?outcome=refused\">"
                + "recent refusals</a>.</p>");
        return b.toString();
    }

    private static int tenths(int n, int max) {
        return n == 0 ? 0 : Math.max(1, (int) Math.round(10.0 * n / max));
    }
}
