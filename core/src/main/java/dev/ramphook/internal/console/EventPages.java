package dev.ramphook.internal.console;

import dev.ramphook.internal.engine.ApiAccess;
import dev.ramphook.store.EventQuery;
import dev.ramphook.store.EventState;
import dev.ramphook.store.FoundEvent;
import dev.ramphook.store.StoredEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The events list (search, filter, pages) and one event's page. */
final class EventPages {

    private final ConsoleData data;

    EventPages(ConsoleData data) {
        this.data = data;
    }

    String list(Params p) {
        int page = p.number("page", 0, EventQuery.MAX_OFFSET / ConsoleData.PAGE_SIZE);
        EventQuery q = data.query(p, null, page * ConsoleData.PAGE_SIZE, ConsoleData.PAGE_SIZE + 1);
        List<FoundEvent> found = data.search(q);
        StringBuilder b = new StringBuilder(filters(p, true, "events", "Search"));
        b.append(table(found.subList(0, Math.min(found.size(), ConsoleData.PAGE_SIZE))));
        b.append("<div class=\"pager\">");
        if (page > 0) {
            b.append("<a href=\"events?").append(Html.text(keep(p, page - 1))).append("\">&larr; newer</a>");
        }
        if (found.size() > ConsoleData.PAGE_SIZE) {
            b.append("<a href=\"events?").append(Html.text(keep(p, page + 1))).append("\">older &rarr;</a>");
        }
        b.append("</div><p class=\"note\">The in-memory store keeps no handled events (only their keys); the JDBC"
                + " store keeps them, without body and headers, for the retention.</p>");
        return b.toString();
    }

    /** The query string of this filter at another page. */
    private static String keep(Params p, int page) {
        StringBuilder q = new StringBuilder();
        for (String name : List.of("provider", "name", "key", "state", "from", "to")) {
            p.get(name).ifPresent(v -> q.append(name).append('=').append(Format.url(v)).append('&'));
        }
        return q.append("page=").append(page).toString();
    }

    /** The filter form; {@code withState} adds the state and key choices (dead letters are all DEAD). */
    String filters(Params p, boolean withState, String action, String button) {
        StringBuilder b = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"").append(action)
                .append("\"><label>Provider<select name=\"provider\"><option value=\"\">any</option>");
        for (String provider : data.providers()) {
            b.append("<option").append(provider.equals(p.getOrNull("provider")) ? " selected" : "").append('>')
                    .append(Html.text(provider)).append("</option>");
        }
        b.append("</select></label>");
        input(b, "Event name", "name", p);
        if (withState) {
            input(b, "Key", "key", p);
            b.append("<label>State<select name=\"state\"><option value=\"\">any</option>");
            for (EventState s : EventState.values()) {
                String v = s.name().toLowerCase(java.util.Locale.ROOT);
                b.append("<option value=\"").append(v).append('"')
                        .append(v.equalsIgnoreCase(p.get("state").orElse("")) ? " selected" : "").append('>')
                        .append(v).append("</option>");
            }
            b.append("</select></label>");
        }
        input(b, "Received from (UTC)", "from", p);
        input(b, "Received before (UTC)", "to", p);
        return b.append("<button type=\"submit\">").append(button).append("</button></form>").toString();
    }

    private static void input(StringBuilder b, String label, String name, Params p) {
        b.append("<label>").append(label).append("<input name=\"").append(name).append("\" value=\"")
                .append(Html.text(p.getOrNull(name))).append("\"></label>");
    }

    static String table(List<FoundEvent> events) {
        StringBuilder b = new StringBuilder("<table><tr><th>Received (UTC)</th><th>Provider</th><th>Event</th>"
                + "<th>Key</th><th>State</th><th>Attempts</th><th>Last error</th></tr>");
        for (FoundEvent f : events) {
            StoredEvent e = f.event();
            b.append("<tr><td class=\"mono\">").append(e == null ? "" : Format.time(e.receivedAt()))
                    .append("</td><td>").append(Html.text(f.provider())).append("</td><td class=\"mono\">")
                    .append(e == null ? "" : Html.text(e.name())).append("</td><td class=\"mono\">")
                    .append(Format.eventLink(f.provider(), f.key())).append("</td><td>").append(state(f.state()))
                    .append("</td><td>").append(e == null ? "" : e.attempts()).append("</td><td>")
                    .append(e == null ? "" : Html.text(shorten(Bodies.error(e.lastError())))).append("</td></tr>");
        }
        if (events.isEmpty()) {
            b.append("<tr><td colspan=\"7\">No event matches.</td></tr>");
        }
        return b.append("</table>").toString();
    }

    static String state(EventState s) {
        return switch (s) {
            case PENDING -> Html.badge("pending", "warn");
            case DONE -> Html.badge("handled", "ok");
            case DEAD -> Html.badge("dead letter", "bad");
        };
    }

    private static String shorten(String s) {
        return s == null || s.length() <= 160 ? s : s.substring(0, 160) + "…";
    }

    Optional<String> detail(Params p) {
        String provider = p.get("provider").orElseThrow(() -> new Params.BadRequest("provider is required"));
        String key = p.get("key").orElseThrow(() -> new Params.BadRequest("key is required"));
        return data.find(provider, key).map(EventPages::detail);
    }

    private static String detail(FoundEvent f) {
        StoredEvent e = f.event();
        StringBuilder b = new StringBuilder("<dl>");
        row(b, "Provider", Html.text(f.provider()));
        row(b, "Key", "<span class=\"mono\">" + Html.text(f.key()) + "</span>");
        row(b, "State", state(f.state()));
        if (e == null) {
            b.append("</dl><p class=\"note\">Handled. This store keeps only the key of a handled event, so that a"
                    + " redelivery is recognised; its body and headers are gone.</p>");
            return b.toString();
        }
        row(b, "Event", "<span class=\"mono\">" + Html.text(e.name()) + "</span>");
        row(b, "Endpoint", "<span class=\"mono\">" + Html.text(e.endpoint()) + "</span>");
        row(b, "Received (UTC)", Format.time(e.receivedAt()));
        row(b, "Occurred (UTC)", e.occurredAt() == null ? "not stated" : Format.time(e.occurredAt()));
        row(b, "Subject", e.subject() == null ? "none" : Html.text(e.subject()));
        row(b, "Attempts", String.valueOf(e.attempts()));
        if (f.nextAttemptAt() != null) {
            row(b, "Next attempt (UTC)", Format.time(f.nextAttemptAt()));
        }
        row(b, "Handlers completed", e.completedHandlers().isEmpty() ? "none"
                : Html.text(String.join(", ", new java.util.TreeSet<>(e.completedHandlers()))));
        b.append("</dl>");
        if (e.lastError() != null) {
            b.append("<h2>Last error</h2><pre>").append(Html.text(Bodies.error(e.lastError()))).append("</pre>");
        }
        if (f.state() == EventState.DEAD) {
            b.append("<p><a href=\"replay?provider=").append(Html.text(Format.url(f.provider()))).append("&amp;key=")
                    .append(Html.text(Format.url(f.key()))).append("\">Replay this dead letter&hellip;</a></p>");
        }
        b.append("<h2>Body</h2>");
        b.append(ApiAccess.body(e).length == 0 ? "<p>Not kept: a handled event's body is dropped.</p>"
                : "<pre>" + Html.text(Bodies.pretty(ApiAccess.body(e))) + "</pre><p class=\"note\">Credentials in"
                        + " the body (tokens, secrets, passwords, credential URL parameters) are shown as ***; a"
                        + " replay uses the body as received.</p>");
        b.append("<h2>Headers</h2><table><tr><th>Name</th><th>Value</th></tr>");
        for (Map.Entry<String, List<String>> h : new java.util.TreeMap<>(e.headers()).entrySet()) {
            for (String v : h.getValue()) {
                b.append("<tr><td class=\"mono\">").append(Html.text(h.getKey())).append("</td><td class=\"mono\">")
                        .append(Html.text(Bodies.redacted(h.getKey(), v))).append("</td></tr>");
            }
        }
        b.append("</table><p class=\"note\">Credential headers (signatures, tokens, cookies) are never stored.</p>");
        if (ApiAccess.body(e).length > 0) {
            b.append("<h2>Copy as curl</h2><p>Replays the delivery against <code>$RAMPHOOK_URL</code> (such as a"
                    + " local receiver) with the body as shown above, credentials masked. Credential headers are not"
                    + " stored: add the signature header or URL token your endpoint expects.</p><pre>")
                    .append(Html.text(Bodies.curl(e))).append("</pre>");
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String html) {
        b.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>");
    }
}
