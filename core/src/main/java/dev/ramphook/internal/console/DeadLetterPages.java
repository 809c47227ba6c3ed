package dev.ramphook.internal.console;

import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.internal.text.Logs;
import dev.ramphook.internal.text.Printable;
import dev.ramphook.store.FoundEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Dead letters: the list with a selection filter, the confirmation page (what exactly will run again), and the
 * replay POST, which re-selects from the same criteria, so the confirmed page and the action cannot disagree on
 * anything but events that left the dead state meanwhile.
 */
final class DeadLetterPages {

    private static final Logger log = Logs.get(DeadLetterPages.class);
    private static final List<String> SELECTION = List.of("provider", "name", "key", "q", "from", "to");

    private final ConsoleData data;
    private final ConsoleAuth auth;
    private final Clock clock;
    private final EventPages events;

    DeadLetterPages(ConsoleData data, ConsoleAuth auth, Clock clock) {
        this.data = data;
        this.auth = auth;
        this.clock = clock;
        this.events = new EventPages(data);
    }

    Pages.Shown list(Params p, ConsoleAuth.Principal who) {
        Map<String, String> errors = EventPages.errors(p, "from", "to", "page");
        if (!errors.isEmpty()) {
            return new Pages.Shown(400, EventPages.formErrors(errors, "page") + events.filters(p, false, "dead",
                    "Filter", errors));
        }
        int page = p.number("page", 0, EventPages.MAX_PAGE);
        StringBuilder b = new StringBuilder();
        int replayed = p.number("replayed", -1, ConsoleData.MAX_REPLAY);
        if (replayed >= 0) {
            b.append("<p class=\"note\">Replayed ").append(replayed).append(" dead letter(s): they are pending"
                    + " again and run as soon as a worker is free. Check <a href=\"events?state=pending\">pending"
                    + " events</a> or <a href=\"recent\">recent deliveries</a>.</p>");
        }
        b.append(events.filters(p, false, "dead", "Filter", Map.of()));
        List<FoundEvent> shown = data.deadPage(p, page * ConsoleData.PAGE_SIZE, ConsoleData.PAGE_SIZE + 1);
        b.append(EventPages.table(shown.subList(0, Math.min(shown.size(), ConsoleData.PAGE_SIZE)),
                EventPages.filtered(p) || page > 0 ? "No dead letter matches this filter."
                        : "No dead letters yet: every event's handlers succeeded or are still being retried."));
        b.append("<div class=\"pager\">");
        String selection = selection(p);
        if (page > 0) {
            b.append("<a href=\"dead?").append(Html.text(selection + (selection.isEmpty() ? "" : "&") + "page="
                    + (page - 1))).append("\">&larr; newer</a>");
        }
        if (shown.size() > ConsoleData.PAGE_SIZE) {
            b.append("<a href=\"dead?").append(Html.text(selection + (selection.isEmpty() ? "" : "&") + "page="
                    + (page + 1))).append("\">older &rarr;</a>");
        }
        b.append("</div>");
        List<FoundEvent> dead = data.deadSelection(p);
        if (!dead.isEmpty()) {
            b.append("<p><a href=\"replay?").append(Html.text(selection(p))).append("\">Replay ")
                    .append(dead.size() == ConsoleData.MAX_REPLAY ? "the oldest " + dead.size() : "these "
                            + dead.size()).append(" dead letter(s)&hellip;</a> (you confirm on the next page)</p>");
        }
        return new Pages.Shown(200, b.toString());
    }

    String confirm(Params p, ConsoleAuth.Principal who) {
        List<FoundEvent> dead = data.deadSelection(p);
        if (dead.isEmpty()) {
            return "<p>No dead letter matches this selection: nothing to replay.</p><p><a href=\"dead\">Back to the"
                    + " dead letters</a></p>";
        }
        StringBuilder b = new StringBuilder("<p class=\"alert\">This runs the handlers of the ").append(dead.size())
                .append(" dead letter(s) below again (handlers that already succeeded for an event are skipped)."
                        + " Fix the cause first.</p>");
        b.append("<form method=\"post\" action=\"replay\">");
        for (String name : SELECTION) {
            p.get(name).ifPresent(v -> b.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                    .append(Html.text(v)).append("\">"));
        }
        b.append("<input type=\"hidden\" name=\"csrf\" value=\"").append(Html.text(auth.csrfToken(who,
                clock.instant()))).append("\">");
        b.append("<button type=\"submit\" class=\"danger\">Replay ").append(dead.size())
                .append(" dead letter(s)</button> <a href=\"dead\">Cancel</a></form>");
        return b.append("<h2>Selected</h2>").append(EventPages.table(dead, "None.")).toString();
    }

    WebhookResponse replay(WebhookRequest request, Params form, ConsoleAuth.Principal who) {
        if (!auth.postAllowed(who, request, form.getOrNull("csrf"), clock.instant())) {
            return Answers.error(403, "missing or invalid CSRF token: replay from the console's confirmation page",
                    Map.of());
        }
        List<FoundEvent> dead = data.deadSelection(form);
        int replayed = data.replay(dead, who.name());
        log.info("console: {} replayed {} dead letter(s) selected by {}", who.name(), replayed,
                Printable.of(selection(form)));
        return Answers.seeOther("dead?replayed=" + replayed);
    }

    private static String selection(Params p) {
        StringBuilder q = new StringBuilder();
        for (String name : SELECTION) {
            p.get(name).ifPresent(v -> q.append(q.length() == 0 ? "" : "&").append(name).append('=')
                    .append(Format.url(v)));
        }
        return q.toString();
    }
}
