package dev.ramphook.internal.console;

import dev.ramphook.store.EventQuery;
import dev.ramphook.store.EventState;
import dev.ramphook.store.FoundEvent;
import dev.ramphook.store.HistoryEntry;
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

    /** The most pages the list goes back: deeper ones are for a narrower filter. */
    static final int MAX_PAGE = EventQuery.MAX_OFFSET / ConsoleData.PAGE_SIZE;

    /**
     * Each malformed field among {@code fields}, with its message, in form order; empty when the filter can run. A
     * page answers these with its form and a 400 instead of running the query.
     */
    static Map<String, String> errors(Params p, String... fields) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        for (String field : fields) {
            try {
                switch (field) {
                    case "from", "to" -> ConsoleData.time(p, field);
                    case "state" -> p.get("state").ifPresent(ConsoleData::state);
                    case "page" -> p.number("page", 0, MAX_PAGE);
                    default -> p.number(field, 0, 999);
                }
            } catch (Params.BadRequest e) {
                errors.put(field, e.getMessage());
            }
        }
        return errors;
    }

    /** A form error that belongs to no field of the form (the page number of a link), shown above it. */
    static String formErrors(Map<String, String> errors, String... outside) {
        StringBuilder b = new StringBuilder();
        for (String name : outside) {
            if (errors.containsKey(name)) {
                b.append("<p class=\"alert\" id=\"").append(name).append("-error\">").append(Html.text(errors
                        .get(name))).append("</p>");
            }
        }
        if (!errors.isEmpty()) {
            b.append("<p class=\"alert\">Nothing was searched: correct the marked field and try again.</p>");
        }
        return b.toString();
    }

    Pages.Shown list(Params p) {
        Map<String, String> errors = errors(p, "state", "from", "to", "page");
        if (!errors.isEmpty()) {
            return new Pages.Shown(400, formErrors(errors, "page") + filters(p, true, "events", "Search", errors));
        }
        int page = p.number("page", 0, MAX_PAGE);
        EventQuery q = data.query(p, null, page * ConsoleData.PAGE_SIZE, ConsoleData.PAGE_SIZE + 1);
        List<FoundEvent> found = data.search(q);
        StringBuilder b = new StringBuilder(filters(p, true, "events", "Search", Map.of()));
        b.append(table(found.subList(0, Math.min(found.size(), ConsoleData.PAGE_SIZE)),
                filtered(p) || page > 0 ? "No event matches this search." : "No events yet."));
        b.append("<div class=\"pager\">");
        if (page > 0) {
            b.append("<a href=\"events?").append(Html.text(keep(p, page - 1))).append("\">&larr; newer</a>");
        }
        if (found.size() > ConsoleData.PAGE_SIZE) {
            b.append("<a href=\"events?").append(Html.text(keep(p, page + 1))).append("\">older &rarr;</a>");
        }
        b.append("</div><p class=\"note\">The in-memory store keeps no handled events (only their keys); the JDBC"
                + " store keeps them, without body and headers, for the retention.</p>");
        return new Pages.Shown(200, b.toString());
    }

    /** True when any filter field is set. */
    static boolean filtered(Params p) {
        for (String name : List.of("provider", "name", "key", "q", "state", "from", "to")) {
            if (p.get(name).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** The query string of this filter at another page. */
    private static String keep(Params p, int page) {
        StringBuilder q = new StringBuilder();
        for (String name : List.of("provider", "name", "key", "q", "state", "from", "to")) {
            p.get(name).ifPresent(v -> q.append(name).append('=').append(Format.url(v)).append('&'));
        }
        return q.append("page=").append(page).toString();
    }

    /** The filter form; {@code withState} adds the state and key choices (dead letters are all DEAD). */
    String filters(Params p, boolean withState, String action, String button, Map<String, String> errors) {
        StringBuilder b = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"").append(action)
                .append("\"><label>Provider<select name=\"provider\"><option value=\"\">any</option>");
        for (String provider : data.providers()) {
            b.append("<option").append(provider.equals(p.getOrNull("provider")) ? " selected" : "").append('>')
                    .append(Html.text(provider)).append("</option>");
        }
        b.append("</select></label>");
        Html.input(b, "Event name (short works)", "name", p, "PAYMENT.SETTLED", errors);
        Html.input(b, "Key, subject or session id (part)", "q", p, "evt_123 or a session id", errors);
        if (p.get("key").isPresent()) { // an exact key from a link or a script: kept, so the filter stays the same
            b.append("<input type=\"hidden\" name=\"key\" value=\"").append(Html.text(p.getOrNull("key")))
                    .append("\">");
        }
        if (withState) {
            b.append("<label>State<select name=\"state\"><option value=\"\">any</option>");
            for (EventState s : EventState.values()) {
                String v = s.name().toLowerCase(java.util.Locale.ROOT);
                b.append("<option value=\"").append(v).append('"')
                        .append(v.equalsIgnoreCase(p.get("state").orElse("")) ? " selected" : "").append('>')
                        .append(v).append("</option>");
            }
            b.append("</select></label>");
        }
        Html.input(b, "Received from (UTC)", "from", p, ConsoleData.TIME_HINT, errors);
        Html.input(b, "Received before (UTC)", "to", p, ConsoleData.TIME_HINT, errors);
        return b.append("<button type=\"submit\">").append(button).append("</button></form>").toString();
    }

    /** The events as a table, or {@code none} in its place when there are none. */
    static String table(List<FoundEvent> events, String none) {
        if (events.isEmpty()) {
            return Html.empty(none);
        }
        StringBuilder b = new StringBuilder("<table><tr><th>Received (UTC)</th><th>Provider</th><th>Event</th>"
                + "<th>Key</th><th>State</th><th>Attempts</th><th>Last error</th></tr>");
        for (FoundEvent f : events) {
            StoredEvent e = f.event();
            b.append("<tr><td class=\"time\">").append(e == null ? "" : Format.time(e.receivedAt()))
                    .append("</td><td>").append(Html.text(f.provider())).append("</td><td class=\"mono\">")
                    .append(e == null ? "" : Html.breakable(e.name())).append("</td><td class=\"mono token\">")
                    .append(Format.eventLink(f.provider(), f.key())).append("</td><td>").append(state(f.state()))
                    .append("</td><td>").append(e == null ? "" : e.attempts()).append("</td><td>")
                    .append(e == null ? "" : Html.text(shorten(Bodies.error(e.lastError())))).append("</td></tr>");
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
        return data.find(provider, key).map(this::detail);
    }

    private String detail(FoundEvent f) {
        StoredEvent e = f.event();
        StringBuilder b = new StringBuilder("<dl>");
        row(b, "Provider", Html.text(f.provider()));
        row(b, "Key", "<span class=\"mono token\">" + Html.text(f.key()) + "</span>");
        row(b, "State", state(f.state()));
        if (e == null) {
            b.append("</dl><p class=\"note\">Handled. This store keeps only the key of a handled event, so that a"
                    + " redelivery is recognised; its body and headers are gone.</p>");
            return b.toString();
        }
        row(b, "Event", "<span class=\"mono\">" + Html.text(e.name()) + "</span>");
        row(b, "Endpoint", "<span class=\"mono\">" + Html.text(e.endpoint()) + "</span>");
        row(b, "Received (UTC)", "<span class=\"time\">" + Format.time(e.receivedAt()) + "</span>");
        row(b, "Occurred (UTC)", e.occurredAt() == null ? "not stated"
                : "<span class=\"time\">" + Format.time(e.occurredAt()) + "</span>");
        row(b, "Subject", e.subject() == null ? "none" : Html.text(e.subject()));
        row(b, "Attempts", String.valueOf(e.attempts()));
        if (f.state() == EventState.PENDING && !data.queued()) {
            // Inline, a failed event stays pending "due now" in the store, but nothing here retries it by itself.
            row(b, "Next attempt", "when the provider redelivers it (handlers run inline: this receiver does not"
                    + " retry on its own; the provider's redelivery runs the failed handlers again)");
        } else if (f.nextAttemptAt() != null) {
            row(b, "Next attempt (UTC)", Format.time(f.nextAttemptAt()));
        }
        row(b, "Handlers completed", e.completedHandlers().isEmpty() ? "none"
                : Html.text(String.join(", ", new java.util.TreeSet<>(e.completedHandlers()))));
        b.append("</dl>");
        if (e.lastError() != null) {
            b.append("<h2>Last error</h2><pre>").append(Html.text(Bodies.error(e.lastError()))).append("</pre>");
        }
        b.append(history(data.history(f.provider(), f.key())));
        if (f.state() == EventState.DEAD) {
            b.append("<p><a href=\"replay?provider=").append(Html.text(Format.url(f.provider()))).append("&amp;key=")
                    .append(Html.text(Format.url(f.key()))).append("\">Replay this dead letter&hellip;</a></p>");
        }
        b.append("<h2>Body</h2>");
        b.append(e.bodyLength() == 0 ? "<p>Not kept: a handled event's body is dropped.</p>"
                : "<pre>" + Html.text(Bodies.pretty(e.body())) + "</pre><p class=\"note\">Credentials in"
                        + " the body (tokens, secrets, passwords, credential URL parameters) are shown as ***; a"
                        + " replay uses the body as received.</p>");
        b.append("<h2>Headers</h2>");
        if (e.headers().isEmpty()) {
            b.append(Html.empty("No headers kept."));
        } else {
            b.append("<table><tr><th>Name</th><th>Value</th></tr>");
        }
        for (Map.Entry<String, List<String>> h : new java.util.TreeMap<>(e.headers()).entrySet()) {
            for (String v : h.getValue()) {
                b.append("<tr><td class=\"mono\">").append(Html.text(h.getKey())).append("</td><td class=\"mono\">")
                        .append(Html.text(Bodies.redacted(h.getKey(), v))).append("</td></tr>");
            }
        }
        b.append(e.headers().isEmpty() ? "" : "</table>").append("<p class=\"note\">Credential headers (signatures,"
                + " tokens, cookies) are never stored.</p>");
        if (e.bodyLength() > 0) {
            b.append("<h2>Copy as curl</h2><p>Replays the delivery against <code>$RAMPHOOK_URL</code> (such as a"
                    + " local receiver) with the body as shown above, credentials masked. Credential headers are not"
                    + " stored: add the signature header or URL token your endpoint expects.</p><pre>")
                    .append(Html.text(Bodies.curl(e))).append("</pre>");
        }
        return b.toString();
    }

    /** Each failed attempt and replay, oldest first: what failed before a replay stays in view. */
    private static String history(List<HistoryEntry> lines) {
        StringBuilder b = new StringBuilder("<h2>Attempt history</h2>");
        if (lines.isEmpty()) {
            return b.append(Html.empty("No failed attempt or replay yet.")).toString();
        }
        b.append("<table><tr><th>When (UTC)</th><th>What</th><th>Attempt</th><th>Error</th></tr>");
        for (HistoryEntry h : lines) {
            b.append("<tr><td class=\"time\">").append(Format.time(h.at())).append("</td><td>");
            switch (h.kind()) {
                case RETRY -> b.append(Html.badge("failed, retried", "warn"));
                case DEAD -> b.append(Html.badge("failed, dead letter", "bad"));
                case REPLAYED -> b.append(Html.badge("replayed", "info")).append(" by ")
                        .append(Html.text(h.by() == null ? "the application (WebhookReceiver.replay)" : h.by()));
            }
            b.append("</td><td>").append(h.kind() == HistoryEntry.Kind.REPLAYED ? "after " + h.attempt() : h.attempt())
                    .append("</td><td>").append(Html.text(shorten(Bodies.error(h.error())))).append("</td></tr>");
        }
        return b.append("</table><p class=\"note\">The last ").append(HistoryEntry.KEPT).append(" failed attempts"
                + " and replays are kept with the event. A replay starts the attempt count again.</p>").toString();
    }

    private static void row(StringBuilder b, String name, String html) {
        b.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>");
    }
}
